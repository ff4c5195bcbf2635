package dev.vetter.detection.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/**
 * Terms compiled into one Aho-Corasick double-array trie (hankcs ACDAT) over their
 * normalised, de-duplicated form (see {@link NormalizedText}). Each automaton match is
 * then verified:
 * <ul>
 * <li><b>repeats</b>: every run of one char in the text must have the same length as in
 * the term, or be an elongation of three or more ("fuuuuck", "kiiiill", "killlll"), so
 * "good" does not match "god" and "as" does not match "ass"; at the ends of a CJK term a
 * longer run is a plain substring match;</li>
 * <li><b>word boundaries</b>: a term that starts (ends) with a letter or digit of a
 * script that uses spaces must start (end) at a word boundary, so "Scunthorpe",
 * "assassin", "cocktail" or "grape" do not match; an English plural "-s"/"-es" is allowed
 * after a term of three or more Latin letters; CJK and Thai terms match anywhere.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class CompiledTerms implements TextTermSet {

	public static final CompiledTerms EMPTY = new CompiledTerms(new TreeMap<>());

	/**
	 * Severity/rate that a caller-supplied term carries (the caller's policy decides the
	 * outcome).
	 */
	static final double CUSTOM_RATE = 99.9;

	/**
	 * keys whose every entry starts at a word start: walked as a trie from word starts
	 * only
	 */
	private final Automaton<Entry[]> anchored;

	/** the other keys (CJK, leading symbols): a full Aho-Corasick scan */
	private final Automaton<Entry[]> floating;

	private final int size;

	private CompiledTerms(TreeMap<String, Entry[]> byKey) {
		this.size = byKey.size();
		TreeMap<String, Entry[]> anchoredKeys = new TreeMap<>();
		TreeMap<String, Entry[]> floatingKeys = new TreeMap<>();
		byKey.forEach((key, entries) -> {
			boolean allWordStart = true;
			for (Entry e : entries) {
				allWordStart &= e.wordStart;
			}
			(allWordStart ? anchoredKeys : floatingKeys).put(key, entries);
		});
		this.anchored = automaton(anchoredKeys);
		this.floating = automaton(floatingKeys);
	}

	private static Automaton<Entry[]> automaton(TreeMap<String, Entry[]> keys) {
		if (keys.isEmpty()) {
			return null;
		}
		Automaton<Entry[]> a = new Automaton<>();
		a.build(keys);
		a.index();
		return a;
	}

	/**
	 * Compiles caller-supplied terms (hits carry {@link TextHit.Origin#TERMS}, severity
	 * BLOCK).
	 */
	public static CompiledTerms compile(Collection<TextTerm> terms) {
		List<Entry> entries = new ArrayList<>(terms.size());
		for (TextTerm t : terms) {
			Entry e = Entry.of(t, TextHit.Severity.BLOCK, CUSTOM_RATE, TextHit.Origin.TERMS);
			if (e != null) {
				entries.add(e);
			}
		}
		return fromEntries(entries);
	}

	static CompiledTerms fromEntries(Collection<Entry> entries) {
		Map<String, List<Entry>> grouped = new LinkedHashMap<>();
		for (Entry e : entries) {
			List<Entry> list = grouped.computeIfAbsent(e.key, k -> new ArrayList<>(1));
			boolean dup = false;
			for (Entry other : list) {
				if (other.term.equals(e.term) && other.origin == e.origin) {
					dup = true;
					break;
				}
			}
			if (!dup) {
				list.add(e);
			}
		}
		TreeMap<String, Entry[]> byKey = new TreeMap<>();
		grouped.forEach((k, list) -> byKey.put(k, list.toArray(new Entry[0])));
		return new CompiledTerms(byKey);
	}

	@Override
	public int size() {
		return size;
	}

	/**
	 * Normalised key of a term as the automaton sees it ("" when it normalises to
	 * nothing).
	 */
	static String keyOf(String term) {
		return NormalizedText.fresh(term).dedupString();
	}

	/** Finds every verified match in {@code t} and hands it to {@code sink}. */
	void scan(NormalizedText t, MatchSink sink) {
		if (t.dLen == 0) {
			return;
		}
		if (anchored != null) {
			anchored.walkFromWordStarts(t, sink);
		}
		if (floating != null) {
			floating.scan(t, sink);
		}
	}

	// ------------------------------------------------------------------------------------------------

	interface MatchSink {

		/**
		 * a verified match of {@code e} covering original [start, end) and dedup
		 * positions [dBegin, dEnd)
		 */
		void match(Entry e, int start, int end, int dBegin, int dEnd);

	}

	/** One compiled term with what a hit on it carries. */
	static final class Entry {

		final TextTerm term;

		final String key;

		final int[] runs;

		final boolean wordStart;

		final boolean wordEnd;

		final boolean allowSuffix;

		/**
		 * English plural "-es" only after s, x, z, ch, sh ("bitches", not "pric" + "es")
		 */
		boolean pluralEs;

		final TextHit.Severity severity;

		final double rate;

		final TextHit.Origin origin;

		/** non-null: a cue term of this class, never reported */
		String cueClass;

		/** non-null: REVIEW becomes BLOCK when a cue of this class is near */
		String upgradeCue;

		/** non-null: reported only when a cue of this class is near */
		String requiredCue;

		private Entry(TextTerm term, String key, int[] runs, boolean wordStart, boolean wordEnd, boolean allowSuffix,
				TextHit.Severity severity, double rate, TextHit.Origin origin) {
			this.term = term;
			this.key = key;
			this.runs = runs;
			this.wordStart = wordStart;
			this.wordEnd = wordEnd;
			this.allowSuffix = allowSuffix;
			this.severity = severity;
			this.rate = rate;
			this.origin = origin;
		}

		/** null when the term normalises to nothing */
		static Entry of(TextTerm term, TextHit.Severity severity, double rate, TextHit.Origin origin) {
			NormalizedText n = NormalizedText.fresh(term.term());
			if (n.dLen == 0) {
				return null;
			}
			String key = n.dedupString();
			int[] runs = java.util.Arrays.copyOf(n.dn, n.dLen);
			boolean ws = n.dc[0] == NormalizedText.V_WORD;
			boolean we = n.dc[n.dLen - 1] == NormalizedText.V_WORD;
			char last = n.d[n.dLen - 1];
			String view = n.viewString();
			int letters = 0;
			for (int k = 0; k < view.length(); k++) {
				if (view.charAt(k) >= 'a' && view.charAt(k) <= 'z') {
					letters++;
				}
			}
			int vLen = view.length();
			boolean suffix = we && last >= 'a' && last <= 'z' && letters >= 3 && letters == vLen;
			Entry e = new Entry(term, key, runs, ws, we, suffix, severity, rate, origin);
			e.pluralEs = suffix && (view.endsWith("s") || view.endsWith("x") || view.endsWith("z")
					|| view.endsWith("ch") || view.endsWith("sh"));
			return e;
		}

	}

	/**
	 * ACDAT with a scan loop over the normalised arrays (no String copy, no boxing per
	 * char).
	 */
	private static final class Automaton<V> extends AhoCorasickDoubleArrayTrie<V> {

		private static final long serialVersionUID = 1L;

		/** per output index: every entry of that key must start at a word boundary */
		private boolean[] startsAtBoundary = new boolean[0];

		void index() {
			Object[] values = this.v;
			startsAtBoundary = new boolean[values.length];
			for (int h = 0; h < values.length; h++) {
				boolean all = values[h] != null;
				if (all) {
					for (Entry e : (Entry[]) values[h]) {
						all &= e.wordStart;
					}
				}
				startsAtBoundary[h] = all;
			}
		}

		/**
		 * For keys that must start a word: walk the trie (goto transitions only, no
		 * failure links) from every word start and report keys that begin exactly there.
		 * A word start is visited once and the walk stops at the first char no key
		 * continues with, so ordinary text costs a few steps per word.
		 */
		void walkFromWordStarts(NormalizedText t, MatchSink sink) {
			final char[] text = t.d;
			final int len = t.dLen;
			final int[] base = this.base, check = this.check;
			final int[][] output = this.output;
			final Object[] values = this.v;
			final int[] lengths = this.l;
			final boolean[] bnd = t.bnd;
			final byte[] dc = t.dc;
			for (int b = 0; b < len; b++) {
				if (!bnd[b] || dc[b] != NormalizedText.V_WORD) {
					continue;
				}
				int state = 0;
				for (int i = b; i < len; i++) {
					final int sb = base[state];
					final int p = sb + text[i] + 1;
					if (p >= check.length || check[p] != sb) {
						break;
					}
					state = p;
					int[] out = output[state];
					if (out == null) {
						continue;
					}
					for (int h : out) {
						if (i + 1 - lengths[h] != b) {
							continue; // a suffix key: found from its own start
						}
						for (Entry e : (Entry[]) values[h]) {
							verify(t, e, b, i + 1, sink);
						}
					}
				}
			}
		}

		void scan(NormalizedText t, MatchSink sink) {
			final char[] text = t.d;
			final int len = t.dLen;
			final int[] base = this.base, check = this.check, fail = this.fail;
			final int[][] output = this.output;
			final Object[] values = this.v; // V[] is an Object[] at run time
			final int[] lengths = this.l;
			final boolean[] startsAtBoundary = this.startsAtBoundary;
			final boolean[] bnd = t.bnd;
			int state = 0;
			for (int i = 0; i < len; i++) {
				final char c = text[i];
				int b = base[state];
				int p = b + c + 1;
				while (b != check[p]) { // same transition/failure walk as the library's
										// getState
					if (state == 0) {
						p = 0;
						break;
					}
					state = fail[state];
					b = base[state];
					p = b + c + 1;
				}
				state = p;
				int[] out = output[state];
				if (out != null) {
					for (int h : out) {
						int begin = i + 1 - lengths[h];
						if (startsAtBoundary[h] && !bnd[begin]) {
							continue; // mid-word: the common fate of short keys such as
										// "x" (from "xxx")
						}
						for (Entry e : (Entry[]) values[h]) {
							verify(t, e, begin, i + 1, sink);
						}
					}
				}
			}
		}

	}

	private static boolean isNoSpace(NormalizedText t, int dIndex) {
		return t.dc[dIndex] == NormalizedText.V_NOSPACE;
	}

	static void verify(NormalizedText t, Entry e, int b, int en, MatchSink sink) {
		// boundaries first: most raw substring matches of Latin terms fail here, cheaply
		if (e.wordStart && !t.bnd[b]) {
			return;
		}
		final int[] dn = t.dn;
		int lastD = en - 1;
		if (e.wordEnd && !t.bnd[en]) {
			if (!e.allowSuffix) {
				return;
			}
			char[] d = t.d;
			if (en < t.dLen && d[en] == 's' && dn[en] == 1 && t.bnd[en + 1]) {
				lastD = en;
			}
			else if (e.pluralEs && en + 1 < t.dLen && d[en] == 'e' && dn[en] == 1 && d[en + 1] == 's' && dn[en + 1] == 1
					&& t.bnd[en + 2]) {
				lastD = en + 1;
			}
			else {
				return;
			}
		}
		final int m = en - b;
		final int[] runs = e.runs;
		boolean partialStart = false, partialEnd = false;
		for (int r = 0; r < m; r++) {
			int tc = dn[b + r], kc = runs[r];
			if (tc == kc) {
				continue;
			}
			if (tc >= kc && (r == 0 || r == m - 1) && isNoSpace(t, b + r)) {
				if (r == 0) {
					partialStart = true;
				}
				if (r == m - 1) {
					partialEnd = true;
				}
				continue;
			}
			if (tc >= 3 && tc >= kc) {
				continue;
			}
			return;
		}
		int startV = t.dv[b];
		if (partialStart) {
			startV += dn[b] - runs[0];
		}
		int endV; // inclusive view index
		if (partialEnd && lastD == en - 1) {
			endV = (m == 1 ? startV : t.dv[en - 1]) + runs[m - 1] - 1;
		}
		else {
			endV = t.dv[lastD] + dn[lastD] - 1;
		}
		sink.match(e, t.origStartOfView(startV), t.origEndOfView(endV), b, lastD + 1);
	}

}
