package dev.vetter.detection;

import java.util.Collection;
import java.util.List;

/**
 * The text engine: normalisation against evasion, built-in lexicons, caller-supplied term
 * sets and rules for ads, contact details, flooding and meaningless text. Thread-safe;
 * one instance per application.
 */
public interface TextDetector {

	/**
	 * Analyses {@code content}.
	 * @param content the text as the client sent it
	 * @param terms extra term sets (custom libraries) matched with the same
	 * normalisation; hits from these carry {@link TextHit.Origin#TERMS}
	 * @param options which built-in detections run
	 */
	TextAnalysis analyze(String content, List<TextTermSet> terms, Options options);

	/**
	 * Compiles terms (a custom library) for {@link #analyze}, with the same normalisation
	 * as the text. Costly for large sets: compile once and share the result.
	 * @param terms the terms; empty gives an empty set
	 */
	TextTermSet compile(Collection<TextTerm> terms);

	/**
	 * @param lexicons run the built-in lexicons (porn, abuse, ... terms)
	 * @param rules run the rules (ad / contact details, flood, meaningless)
	 * @param classifier run the trained classifier (an {@code abuse} finding with rule
	 * {@code classifier} and a rate); it also lets a context-dependent lexicon term count
	 */
	record Options(boolean lexicons, boolean rules, boolean classifier) {

		public static final Options ALL = new Options(true, true, true);

		/** lexicons and/or rules, without the classifier */
		public Options(boolean lexicons, boolean rules) {
			this(lexicons, rules, false);
		}

	}

}
