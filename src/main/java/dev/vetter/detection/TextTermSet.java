package dev.vetter.detection;

import java.util.Collection;

/**
 * A set of terms compiled for matching. Immutable and thread-safe; compile once, share
 * across requests. Terms that normalise to nothing (blank, only punctuation) are dropped.
 */
public interface TextTermSet {

	/** Number of distinct normalised terms. */
	int size();

	static TextTermSet compile(Collection<TextTerm> terms) {
		return dev.vetter.detection.text.CompiledTerms.compile(terms);
	}

	static TextTermSet empty() {
		return dev.vetter.detection.text.CompiledTerms.EMPTY;
	}

}
