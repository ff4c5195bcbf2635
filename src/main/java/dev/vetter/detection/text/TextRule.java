package dev.vetter.detection.text;

/**
 * One family of rule findings ({@code url}, {@code email}, {@code phone}, {@code handle},
 * {@code flood}, {@code meaningless}). Runs on the folded layer of {@link NormalizedText}
 * (NFKC_CF: full-width and circled digits are ASCII, zero-width chars are gone,
 * Traditional Chinese is Simplified), never on leet-folded text. Stateless and
 * thread-safe.
 */
interface TextRule {

	/**
	 * Adds this family's findings.
	 * @param text the normalised text
	 * @param folded its folded layer as a string (index i is folded char i)
	 * @param out where findings go, with positions mapped back to the original
	 */
	void find(NormalizedText text, String folded, RuleHits out);

}
