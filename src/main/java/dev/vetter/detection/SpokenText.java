package dev.vetter.detection;

import java.util.List;

/**
 * A transcript with spoken numbers written as digits ({@link SpokenNumbers}), and the way
 * back from any character range of {@link #text()} to the recognised words and their
 * times.
 *
 * @param text the normalised text: tokens joined by single spaces
 * @param tokens one per word, or per run of number words written as digits
 */
public record SpokenText(String text, List<Token> tokens) {

	public SpokenText {
		tokens = List.copyOf(tokens);
	}

	/**
	 * @param text the token as it appears in {@link SpokenText#text()}
	 * @param start offset of the token's first char in the normalised text
	 * @param end offset after its last char
	 * @param firstWord index of the first source word it stands for
	 * @param lastWord index of the last source word (inclusive)
	 * @param startSeconds the first word's start (0 without times)
	 * @param endSeconds the last word's end (0 without times)
	 */
	public record Token(String text, int start, int end, int firstWord, int lastWord, double startSeconds,
			double endSeconds) {

		public boolean isNumber() {
			return firstWord != lastWord || (!text.isEmpty() && text.chars().allMatch(Character::isDigit));
		}

	}

	/**
	 * The source span of a character range of the normalised text.
	 *
	 * @param firstWord index of the first source word
	 * @param lastWord index of the last source word (inclusive)
	 */
	public record Span(int firstWord, int lastWord, double startSeconds, double endSeconds) {
	}

	/**
	 * The words and times behind the chars from {@code start} (inclusive) to {@code end}
	 * (exclusive) of {@link #text()}: every token the range touches, whole.
	 * @throws IllegalArgumentException for a range outside the text or one that touches
	 * no token
	 */
	public Span spanOf(int start, int end) {
		if (start < 0 || end > text.length() || start >= end) {
			throw new IllegalArgumentException("range [" + start + ", " + end + ") is outside the text");
		}
		Token first = null;
		Token last = null;
		for (Token token : tokens) {
			if (token.end() > start && token.start() < end) {
				if (first == null) {
					first = token;
				}
				last = token;
			}
		}
		if (first == null) {
			throw new IllegalArgumentException("range [" + start + ", " + end + ") holds only spaces");
		}
		return new Span(first.firstWord(), last.lastWord(), first.startSeconds(), last.endSeconds());
	}

}
