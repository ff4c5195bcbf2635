package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.List;

import dev.vetter.detection.TextHit.Severity;

/**
 * {@code flood} (label {@code flood}): the same unit repeated many times, or long runs of
 * emoji, symbols and punctuation.
 */
final class FloodRule implements TextRule {

	private static final int MAX_PERIOD = 32;

	@Override
	public void find(NormalizedText t, String s, RuleHits out) {
		int n = t.foldedLength();
		if (n < 10) {
			return;
		}
		// compact: runs of whitespace become one space, so "buy now buy now" still
		// repeats
		char[] g = new char[n];
		int[] gi = new int[n];
		int m = 0;
		for (int i = 0; i < n; i++) {
			char c = t.foldedChar(i);
			boolean ws = Character.isWhitespace(c);
			if (ws && m > 0 && g[m - 1] == ' ') {
				continue;
			}
			g[m] = ws ? ' ' : c;
			gi[m] = i;
			m++;
		}
		List<int[]> regions = new ArrayList<>();
		for (int p = 1; p <= MAX_PERIOD && p < m; p++) {
			// a flood of period p is a maximal run of g[i] == g[i - p] at least `need`
			// long; every such run
			// contains a position of the stride-`need` sample, so only samples are
			// tested, then expanded
			int minLen = Math.max(10, (int) Math.ceil(minReps(p) * p));
			int need = minLen - p;
			int i = p + need - 1;
			while (i < m) {
				if (g[i] != g[i - p]) {
					i += need;
					continue;
				}
				int a = i;
				while (a - 1 >= p && g[a - 1] == g[a - 1 - p]) {
					a--;
				}
				int b = i;
				while (b + 1 < m && g[b + 1] == g[b + 1 - p]) {
					b++;
				}
				int start = a - p;
				if (b - a + 1 >= need && meaningfulUnit(g, start, p)) {
					regions.add(new int[] { start, b + 1, expressiveUnit(g, start, p) ? 1 : 0 });
				}
				i = b + 1 + need;
			}
		}
		// emoji / symbol / punctuation runs (spaces allowed in between)
		int symStart = -1, symCount = 0;
		for (int i = 0; i <= m; i++) {
			boolean sym = false;
			if (i < m) {
				char c = g[i];
				sym = c != ' ' && !Character.isLetterOrDigit(c) && !Character.isLowSurrogate(c);
				if (Character.isLowSurrogate(c) || c == ' ' && symStart >= 0) {
					continue;
				}
			}
			if (sym) {
				if (symStart < 0) {
					symStart = i;
					symCount = 0;
				}
				symCount++;
			}
			else {
				if (symStart >= 0 && symCount >= 10) {
					int e = i;
					while (e > symStart && g[e - 1] == ' ') {
						e--;
					}
					regions.add(new int[] { symStart, e, 1 });
				}
				symStart = -1;
			}
		}
		if (regions.isEmpty()) {
			return;
		}
		regions.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
		List<int[]> merged = new ArrayList<>();
		for (int[] r : regions) {
			int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && r[0] <= last[1]) {
				last[1] = Math.max(last[1], r[1]);
				last[2] &= r[2];
			}
			else {
				merged.add(new int[] { r[0], r[1], r[2] });
			}
		}
		int covered = 0;
		for (int[] r : merged) {
			covered += r[1] - r[0];
		}
		boolean dominant = covered >= 0.6 * m && covered >= 20;
		for (int[] r : merged) {
			int a = r[0], b = r[1];
			while (a < b && g[a] == ' ') {
				a++;
			}
			while (b > a && g[b - 1] == ' ') {
				b--;
			}
			if (b <= a) {
				continue;
			}
			double rate = dominant ? 90 : r[2] == 1 ? EXPRESSIVE_RATE : 75;
			out.add("flood", dominant ? Severity.BLOCK : Severity.REVIEW, rate, gi[a], gi[b - 1] + 1, "flood");
		}
	}

	/**
	 * Rate of an expressive run inside a text it does not dominate — one repeated char
	 * ({@code 哈哈哈…}, {@code ！！！…}, {@code ………}), a run of punctuation, symbols or emoji,
	 * a repeated emoji code ({@code [赞][赞]…}): under the default minimum rate (50), so it
	 * passes unless a bizType lowers {@code minRates.flood}; repeated words and phrases
	 * keep 75.
	 */
	static final double EXPRESSIVE_RATE = 45;

	/**
	 * one char, no letter or digit at all, or a bracketed emoji code such as
	 * {@code [doge]}
	 */
	private static boolean expressiveUnit(char[] g, int start, int p) {
		if (p == 1) {
			return true;
		}
		boolean letters = false;
		for (int k = start; k < start + p; k++) {
			letters |= Character.isLetterOrDigit(g[k]);
		}
		if (!letters) {
			return true;
		}
		// emoji codes: as many opening as closing brackets (the unit is a rotation of the
		// repeat, "[赞][赞]" may be sampled as "赞][赞][")
		int open = 0, close = 0;
		for (int k = start; k < start + p; k++) {
			char c = g[k];
			open += c == '[' || c == '【' ? 1 : 0;
			close += c == ']' || c == '】' ? 1 : 0;
		}
		return open > 0 && open == close;
	}

	private static double minReps(int p) {
		if (p == 1) {
			return 10;
		}
		if (p == 2) {
			return 8;
		}
		if (p <= 5) {
			return 5;
		}
		return 2.8;
	}

	/**
	 * the repeated unit has a non-space char and is not just digits (long numbers are not
	 * floods)
	 */
	private static boolean meaningfulUnit(char[] g, int start, int p) {
		boolean nonSpace = false, nonDigit = false;
		for (int k = start; k < start + p; k++) {
			char c = g[k];
			if (c != ' ') {
				nonSpace = true;
			}
			if (!(c >= '0' && c <= '9') && c != ' ' && c != ',' && c != '.') {
				nonDigit = true;
			}
		}
		return nonSpace && nonDigit;
	}

}
