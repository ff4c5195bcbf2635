package dev.vetter.detection.text;

/**
 * The built-in classifier's raw probability of a text (before the threshold
 * recalibration), for the threshold pick of the text-quality benchmark
 * ({@code dev.vetter.moderation.TextQualityBench --pick}). Not a unit test.
 */
public final class ClassifierProbe {

	private static final AbuseClassifier CLASSIFIER = AbuseClassifier.builtin();

	private ClassifierProbe() {
	}

	/**
	 * The default detector with the committed models and another English threshold, for
	 * checking candidate thresholds with the whole engine.
	 */
	public static DefaultTextDetector detectorWithEnglishThreshold(double threshold) {
		return new DefaultTextDetector(BuiltinLexicon.compile(BuiltinLexicon.readAll()),
				AbuseClassifier.builtin(threshold));
	}

	/** probability 0..1, or -1 when no model reads the text's script */
	public static double probability(String text) {
		NormalizedText t = NormalizedText.fresh(text);
		LinearTextClassifier m = CLASSIFIER.model(t);
		return m == null ? -1 : m.score(t);
	}

}
