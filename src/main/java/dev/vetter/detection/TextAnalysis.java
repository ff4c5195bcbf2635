package dev.vetter.detection;

import java.util.List;
import java.util.function.Predicate;

/** The result of analysing one text: every finding, with positions in the original text. */
public record TextAnalysis(String original, List<TextHit> hits) {

	public TextAnalysis {
		hits = List.copyOf(hits);
	}

	/**
	 * The original text with the characters of every selected hit replaced by {@code *} (one star per
	 * UTF-16 char; surrogate pairs become one star each half is not split).
	 */
	public String masked(Predicate<TextHit> which) {
		char[] out = original.toCharArray();
		for (TextHit hit : hits) {
			if (!which.test(hit)) {
				continue;
			}
			for (int i = hit.start(); i < hit.end(); i++) {
				if (!Character.isWhitespace(out[i])) {
					out[i] = '*';
				}
			}
		}
		return new String(out);
	}
}
