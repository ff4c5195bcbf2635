package dev.vetter.detection.text;

import java.util.Collection;
import java.util.List;

import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/** PLACEHOLDER: replaced by the real Aho-Corasick implementation. */
public final class CompiledTerms implements TextTermSet {

	public static final CompiledTerms EMPTY = new CompiledTerms(List.of());

	final List<TextTerm> terms;

	private CompiledTerms(List<TextTerm> terms) {
		this.terms = terms;
	}

	public static CompiledTerms compile(Collection<TextTerm> terms) {
		return new CompiledTerms(List.copyOf(terms));
	}

	@Override
	public int size() {
		return terms.size();
	}
}
