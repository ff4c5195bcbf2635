package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code meaningless} (label {@code meaningless}): text without any letter or digit, and
 * keyboard mash or random consonant strings that make up most of a text's letters.
 */
final class MeaninglessRule implements TextRule {

	private static final String KEYBOARD_ROWS = "qwertyuiop|asdfghjkl|zxcvbnm";

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		int n = t.foldedLength();
		int firstNonSpace = -1, lastNonSpace = -1;
		boolean anyLetterOrDigit = false;
		for (int i = 0; i < n; i++) {
			char c = t.foldedChar(i);
			if (!Character.isWhitespace(c)) {
				if (firstNonSpace < 0) {
					firstNonSpace = i;
				}
				lastNonSpace = i;
			}
			byte cls = t.foldedClass(i);
			if (cls == Folding.WORD || cls == Folding.DIGIT || cls == Folding.NOSPACE) {
				anyLetterOrDigit = true;
			}
		}
		if (firstNonSpace < 0) {
			return;
		}
		if (!anyLetterOrDigit) {
			out.add("meaningless", Severity.REVIEW, 80, firstNonSpace, lastNonSpace + 1, "meaningless");
			return;
		}
		// keyboard mash / random consonant strings, on Latin tokens
		int totalLetters = 0, mashLetters = 0;
		List<int[]> mash = new ArrayList<>();
		int i = 0;
		while (i < n) {
			byte cls = t.foldedClass(i);
			if (cls == Folding.NOSPACE) {
				totalLetters++;
				i++;
				continue;
			}
			if (cls != Folding.WORD) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && (t.foldedClass(j) == Folding.WORD || t.foldedClass(j) == Folding.MARK)) {
				j++;
			}
			int len = j - i;
			totalLetters += len;
			if (isMash(t, i, j)) {
				mashLetters += len;
				mash.add(new int[] { i, j });
			}
			i = j;
		}
		if (mash.isEmpty() || mashLetters < 0.5 * totalLetters) {
			return;
		}
		boolean all = mashLetters >= 0.8 * totalLetters;
		for (int[] r : mash) {
			out.add("meaningless", Severity.REVIEW, all ? 85 : 70, r[0], r[1], "meaningless");
		}
	}

	static boolean isMash(NormalizedText t, int from, int to) {
		// collapse repeats ("hmmmm" -> "hm") and require ASCII letters only
		StringBuilder sb = new StringBuilder(to - from);
		for (int k = from; k < to; k++) {
			char c = t.foldedChar(k);
			if (c < 'a' || c > 'z') {
				return false;
			}
			if (sb.length() == 0 || sb.charAt(sb.length() - 1) != c) {
				sb.append(c);
			}
		}
		String w = sb.toString();
		int len = w.length();
		if (len < 5) {
			return false;
		}
		int vowels = 0, vowelsY = 0, run = 0, maxRun = 0, adjacent = 0;
		for (int k = 0; k < len; k++) {
			char c = w.charAt(k);
			boolean v = "aeiou".indexOf(c) >= 0;
			if (v) {
				vowels++;
			}
			if (v || c == 'y') {
				vowelsY++;
				run = 0;
			}
			else {
				maxRun = Math.max(maxRun, ++run);
			}
			if (k > 0 && keysAdjacent(w.charAt(k - 1), c)) {
				adjacent++;
			}
		}
		if (vowelsY == 0) {
			return true;
		}
		if (len >= 6 && maxRun >= 6) {
			return true;
		}
		if ((double) vowels / len <= 0.2 && adjacent >= 0.7 * (len - 1)) {
			return true;
		}
		// short periodic pattern repeated: "asdasdasd", "jkljkljkl"
		for (int p = 2; p <= 3; p++) {
			if (len >= 3 * p) {
				boolean periodic = true;
				for (int k = p; k < len; k++) {
					if (w.charAt(k) != w.charAt(k - p)) {
						periodic = false;
						break;
					}
				}
				if (periodic && !(p == 2 && "aeiou".indexOf(w.charAt(1)) >= 0)) { // not
																					// "hahaha"/"lololo"
					return true;
				}
			}
		}
		return false;
	}

	private static final int[] KEY_ROW = new int[26], KEY_COL = new int[26];

	static {
		String[] rows = KEYBOARD_ROWS.split("\\|");
		for (int r = 0; r < rows.length; r++) {
			for (int c = 0; c < rows[r].length(); c++) {
				KEY_ROW[rows[r].charAt(c) - 'a'] = r;
				KEY_COL[rows[r].charAt(c) - 'a'] = c;
			}
		}
	}

	private static boolean keysAdjacent(char a, char b) {
		int ra = KEY_ROW[a - 'a'], rb = KEY_ROW[b - 'a'], ca = KEY_COL[a - 'a'], cb = KEY_COL[b - 'a'];
		return Math.abs(ra - rb) <= 1 && Math.abs(ca - cb) <= 1 && !(ra == rb && ca == cb);
	}

}
