package dev.vetter.detection.image;

import java.util.List;

/**
 * The five nsfwjs class probabilities (softmax, summing to 1). These are weak signals:
 * the model calls a clothed athlete "Sexy" with 0.89. Use them to route to human review,
 * never to block on their own.
 */
public record NsfwScores(double drawing, double hentai, double neutral, double porn, double sexy) {

	/** Class names in the model's output order. */
	public static final List<String> CLASSES = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");

	static NsfwScores of(float[] p) {
		return new NsfwScores(p[0], p[1], p[2], p[3], p[4]);
	}

	/** Scores in {@link #CLASSES} order. */
	public double[] values() {
		return new double[] { drawing, hentai, neutral, porn, sexy };
	}

	/** Name of the most probable class. */
	public String top() {
		double[] v = values();
		int best = 0;
		for (int i = 1; i < v.length; i++) {
			if (v[i] > v[best]) {
				best = i;
			}
		}
		return CLASSES.get(best);
	}

}
