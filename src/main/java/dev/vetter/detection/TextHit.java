package dev.vetter.detection;

/**
 * One finding in a text.
 *
 * @param label Green text label: {@code porn}, {@code abuse}, {@code terrorism},
 * {@code contraband}, {@code politics}, {@code ad}, {@code spam}, {@code flood},
 * {@code meaningless}, or the label of the {@link TextTerm} that matched
 * @param severity what the engine on its own would suggest for this finding
 * @param rate confidence 0..100
 * @param start start offset (UTF-16 index, inclusive) in the ORIGINAL text
 * @param end end offset (exclusive) in the ORIGINAL text
 * @param context {@code original.substring(start, end)}
 * @param term the term that matched (lexicon or caller-supplied), {@code null} for rule
 * findings
 * @param rule the rule that fired ({@code url}, {@code phone}, {@code email},
 * {@code handle}, {@code flood}, {@code meaningless}, ...), {@code null} for term hits
 * @param origin where the finding came from
 */
public record TextHit(String label, Severity severity, double rate, int start, int end, String context, TextTerm term,
		String rule, Origin origin) {

	public enum Severity {

		REVIEW, BLOCK

	}

	public enum Origin {

		/** a built-in lexicon term */
		LEXICON,
		/** a term from a caller-supplied {@link TextTermSet} */
		TERMS,
		/** a rule (contact details, flooding, meaningless text) */
		RULE

	}

	public boolean overlaps(int otherStart, int otherEnd) {
		return start < otherEnd && otherStart < end;
	}
}
