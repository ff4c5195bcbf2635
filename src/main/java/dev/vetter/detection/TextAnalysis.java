package dev.vetter.detection;

import java.util.List;
import java.util.function.Predicate;

/**
 * The result of analysing one text: every finding, with positions in the original text.
 */
public record TextAnalysis(String original, List<TextHit> hits) {

	public TextAnalysis {
		hits = List.copyOf(hits);
	}

	/**
	 * The original text with the characters of every selected hit replaced by {@code *}.
	 * Every UTF-16 char inside a selected hit becomes one star, so the result has the
	 * same length and the same offsets as the original; a character outside the BMP (a
	 * surrogate pair, e.g. an emoji or a math-bold letter) therefore becomes two stars
	 * and is never left half-masked. Whitespace inside a hit (e.g. in "k i l l") is kept.
	 * Hits never start or end inside a surrogate pair.
	 * @param which selects the hits to mask (e.g. only {@link TextHit.Origin#TERMS} hits
	 * for Green's {@code filteredContent})
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
