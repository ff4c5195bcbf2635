package dev.vetter.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes numbers that a speech recogniser spelled out as words in digits, so the text
 * engine's contact and advertising rules see "call 5550199" where the recogniser wrote
 * "call five five five zero one nine nine".
 *
 * <p>
 * A <em>run</em> of number words becomes one token of digits: single digits are read one
 * by one ("five five five" → 555), tens combine with a following digit ("twenty one" →
 * 21), "hundred" and "thousand" build cardinals ("two hundred and fifty" → 250, "nineteen
 * eighty four" → 1984), "double"/"triple" repeat the next digit ("double five" → 55).
 *
 * <p>
 * Recognisers mishear digits as look-alike words: "oh"/"o" for zero, "free"/"tree" for
 * three, "for"/"fore" for four, "to"/"too" for two, "won" for one, "ate" for eight. These
 * count as digits only next to real digits: <em>inside</em> a run (number words on both
 * sides: "five for five" → 545), <em>after</em> a run of at least two single digits
 * ("five five free" → 553), or <em>before</em> such a run, except the prepositions "to"
 * and "for", which so often precede a number ("up to five five five" stays "up to 555").
 * Alone they stay words: "free pills" is not "3 pills".
 *
 * <p>
 * Every output token keeps the indexes and times of the words it stands for
 * ({@link SpokenText#spanOf}).
 */
public final class SpokenNumbers {

	private static final Map<String, Integer> DIGITS = Map.of("zero", 0, "one", 1, "two", 2, "three", 3, "four", 4,
			"five", 5, "six", 6, "seven", 7, "eight", 8, "nine", 9);

	private static final Map<String, Integer> TEENS = Map.of("ten", 10, "eleven", 11, "twelve", 12, "thirteen", 13,
			"fourteen", 14, "fifteen", 15, "sixteen", 16, "seventeen", 17, "eighteen", 18, "nineteen", 19);

	private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
			"sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

	/** look-alike words that stand for a digit only next to real digits */
	private static final Map<String, Integer> MISHEARD = Map.of("oh", 0, "o", 0, "free", 3, "tree", 3, "for", 4, "fore",
			4, "to", 2, "too", 2, "won", 1, "ate", 8);

	/** look-alikes that commonly come right before a number as themselves */
	private static final Set<String> PREPOSITIONS = Set.of("to", "for", "fore");

	private enum Kind {

		/** not part of a number */
		WORD,
		/** 0–9, also a look-alike taken as a digit */
		DIGIT, TEEN, TENS, HUNDRED, THOUSAND,
		/** "double" / "triple" before a digit */
		REPEAT,
		/** "and" inside a cardinal */
		AND

	}

	private SpokenNumbers() {
	}

	/** normalises a plain transcript (words split on spaces; no times) */
	public static SpokenText normalize(String transcript) {
		String trimmed = transcript.strip();
		if (trimmed.isEmpty()) {
			return new SpokenText("", List.of());
		}
		return normalize(Arrays.stream(trimmed.split("\\s+")).map(w -> new Transcript.Word(w, 0, 0, 1)).toList());
	}

	/** normalises recognised words, keeping their times */
	public static SpokenText normalize(List<Transcript.Word> words) {
		int n = words.size();
		String[] lower = new String[n];
		for (int i = 0; i < n; i++) {
			lower[i] = words.get(i).text().toLowerCase(Locale.ROOT);
		}
		Kind[] kinds = classify(lower);
		StringBuilder text = new StringBuilder();
		List<SpokenText.Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < n) {
			int end = i;
			String out;
			if (kinds[i] == Kind.WORD) {
				out = words.get(i).text();
			}
			else {
				while (end + 1 < n && kinds[end + 1] != Kind.WORD) {
					end++;
				}
				out = new Run(lower, kinds, i, end + 1).digits();
			}
			if (!text.isEmpty()) {
				text.append(' ');
			}
			int start = text.length();
			text.append(out);
			tokens.add(new SpokenText.Token(out, start, text.length(), i, end, words.get(i).startSeconds(),
					words.get(end).endSeconds()));
			i = end + 1;
		}
		return new SpokenText(text.toString(), tokens);
	}

	private static Kind[] classify(String[] w) {
		int n = w.length;
		Kind[] kinds = new Kind[n];
		for (int i = 0; i < n; i++) {
			kinds[i] = DIGITS.containsKey(w[i]) ? Kind.DIGIT
					: TEENS.containsKey(w[i]) ? Kind.TEEN : TENS.containsKey(w[i]) ? Kind.TENS : w[i].equals("hundred")
							? Kind.HUNDRED : w[i].equals("thousand") ? Kind.THOUSAND : Kind.WORD;
		}
		// look-alikes, stretch by stretch
		int i = 0;
		while (i < n) {
			if (kinds[i] != Kind.WORD || !MISHEARD.containsKey(w[i])) {
				i++;
				continue;
			}
			int end = i;
			while (end + 1 < n && kinds[end + 1] == Kind.WORD && MISHEARD.containsKey(w[end + 1])) {
				end++;
			}
			boolean numberBefore = i > 0 && kinds[i - 1] != Kind.WORD;
			boolean numberAfter = end + 1 < n && kinds[end + 1] != Kind.WORD;
			boolean inside = numberBefore && numberAfter;
			boolean trailing = numberBefore && singleDigitsEndingAt(kinds, i - 1) >= 2;
			boolean leading = numberAfter && singleDigitsStartingAt(kinds, end + 1) >= 2
					&& Arrays.stream(w, i, end + 1).noneMatch(PREPOSITIONS::contains);
			if (inside || trailing || leading) {
				for (int k = i; k <= end; k++) {
					kinds[k] = Kind.DIGIT;
				}
			}
			i = end + 1;
		}
		// "double five", "two hundred and fifty"
		for (int k = 0; k < n; k++) {
			if (kinds[k] != Kind.WORD) {
				continue;
			}
			boolean digitNext = k + 1 < n && kinds[k + 1] == Kind.DIGIT;
			if ((w[k].equals("double") || w[k].equals("triple")) && digitNext) {
				kinds[k] = Kind.REPEAT;
			}
			else if (w[k].equals("and") && k > 0 && (kinds[k - 1] == Kind.HUNDRED || kinds[k - 1] == Kind.THOUSAND)
					&& k + 1 < n
					&& (kinds[k + 1] == Kind.DIGIT || kinds[k + 1] == Kind.TEEN || kinds[k + 1] == Kind.TENS)) {
				kinds[k] = Kind.AND;
			}
		}
		return kinds;
	}

	private static int singleDigitsEndingAt(Kind[] kinds, int at) {
		int count = 0;
		while (at >= 0 && kinds[at] == Kind.DIGIT) {
			count++;
			at--;
		}
		return count;
	}

	private static int singleDigitsStartingAt(Kind[] kinds, int at) {
		int count = 0;
		while (at < kinds.length && kinds[at] == Kind.DIGIT) {
			count++;
			at++;
		}
		return count;
	}

	/** one run of number words, parsed left to right into digit chunks */
	private static final class Run {

		private final String[] words;

		private final Kind[] kinds;

		private final int end;

		private int at;

		Run(String[] words, Kind[] kinds, int start, int end) {
			this.words = words;
			this.kinds = kinds;
			this.at = start;
			this.end = end;
		}

		String digits() {
			StringBuilder out = new StringBuilder();
			while (at < end) {
				switch (kinds[at]) {
					case REPEAT -> {
						int times = words[at].equals("double") ? 2 : 3;
						at++;
						out.append(String.valueOf(digit(words[at])).repeat(times));
						at++;
					}
					case HUNDRED, THOUSAND, AND -> {
						// a scale word with no number before it ("hundred" alone): keep
						// its value
						out.append(kinds[at] == Kind.THOUSAND ? "1000" : kinds[at] == Kind.HUNDRED ? "100" : "");
						at++;
					}
					default -> out.append(cardinal());
				}
			}
			return out.toString();
		}

		/**
		 * small [hundred [[and] small]] [thousand [[and] small [hundred [[and] small]]]].
		 * A number after a scale word joins the cardinal unless digits are being read one
		 * by one after it ("five hundred five five" is 500 then 5 5).
		 */
		private long cardinal() {
			long value = belowThousand();
			if (is(Kind.THOUSAND)) {
				at++;
				value *= 1000;
				boolean and = skipAnd();
				if (startsSmall() && (and || smallEndsAt(at) < end && kinds[smallEndsAt(at)] == Kind.HUNDRED
						|| !digitAfterSmall())) {
					value += belowThousand();
				}
			}
			return value;
		}

		private long belowThousand() {
			long value = small();
			if (is(Kind.HUNDRED)) {
				at++;
				value *= 100;
				boolean and = skipAnd();
				if (startsSmall() && (and || !digitAfterSmall())) {
					value += small();
				}
			}
			return value;
		}

		private boolean startsSmall() {
			return is(Kind.DIGIT) || is(Kind.TEEN) || is(Kind.TENS);
		}

		/** where the small number starting at {@code from} ends (exclusive) */
		private int smallEndsAt(int from) {
			if (kinds[from] == Kind.TENS && from + 1 < end && kinds[from + 1] == Kind.DIGIT
					&& digit(words[from + 1]) > 0) {
				return from + 2;
			}
			return from + 1;
		}

		/**
		 * a single digit follows the small number at {@code at}: digits are being read
		 * out
		 */
		private boolean digitAfterSmall() {
			int after = smallEndsAt(at);
			return after < end && kinds[after] == Kind.DIGIT;
		}

		/** one digit, one teen, or tens with an optional unit */
		private long small() {
			Kind kind = kinds[at];
			String word = words[at];
			at++;
			return switch (kind) {
				case DIGIT -> digit(word);
				case TEEN -> TEENS.get(word);
				case TENS -> {
					int tens = TENS.get(word);
					if (is(Kind.DIGIT) && digit(words[at]) > 0) {
						yield tens + digit(words[at++]);
					}
					yield tens;
				}
				default -> throw new IllegalStateException("not a number word: " + word);
			};
		}

		private boolean skipAnd() {
			if (is(Kind.AND)) {
				at++;
				return true;
			}
			return false;
		}

		private boolean is(Kind kind) {
			return at < end && kinds[at] == kind;
		}

		private static int digit(String word) {
			Integer d = DIGITS.get(word);
			return d != null ? d : MISHEARD.get(word);
		}

	}

}
