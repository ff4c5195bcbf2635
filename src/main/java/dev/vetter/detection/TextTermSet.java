package dev.vetter.detection;

/**
 * A set of terms compiled for matching by {@link TextDetector#compile}. Immutable and
 * thread-safe; compile once, share across requests. Terms that normalise to nothing
 * (blank, only punctuation) are dropped.
 */
public interface TextTermSet {

	/** Number of distinct normalised terms. */
	int size();

}
