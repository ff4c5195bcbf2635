package dev.vetter.detection.text;

import static dev.vetter.detection.text.Folding.DIGIT;
import static dev.vetter.detection.text.Folding.LEETSYM;
import static dev.vetter.detection.text.Folding.MARK;
import static dev.vetter.detection.text.Folding.NOSPACE;
import static dev.vetter.detection.text.Folding.SEP;
import static dev.vetter.detection.text.Folding.WORD;

import java.util.Arrays;

/**
 * A text normalised for matching, with maps back to UTF-16 offsets of the original string. Three layers:
 * <ol>
 * <li><b>folded</b> ({@code f}): per code point {@link Folding} (NFKC_CF, accents, homoglyphs, digits,
 * Traditional to Simplified); default-ignorables removed; stray combining marks on Latin-like bases are
 * dropped and absorbed into the previous char's span. Each char knows its original [start, end).</li>
 * <li><b>view</b> ({@code v}): words with leetspeak folded (only in tokens where letters are at least as
 * many as leet chars, so "2024" or "a55" stay as they are), separator runs turned into one space, runs of
 * three or more single letters separated by the same short separator ("k.i.l.l", "f u c k") joined into one
 * word, and short gaps between CJK chars removed.</li>
 * <li><b>dedup</b> ({@code d}): runs of one repeated char collapsed to one char plus a count, so "fuuuuck"
 * and "kiiiill" reach the automaton as "fuck" and "kil"; the counts are checked against the term's own run
 * counts afterwards (see {@link CompiledTerms}).</li>
 * </ol>
 * Instances obtained from {@link #of(String)} reuse per-thread arrays and are valid until the next call on
 * the same thread.
 */
final class NormalizedText {

	/** word-ness of view chars */
	static final byte V_SPACE = 0, V_WORD = 1, V_NOSPACE = 2;

	private static final int RETAIN_LIMIT = 1 << 20;
	private static final ThreadLocal<NormalizedText> WORKSPACE = ThreadLocal.withInitial(NormalizedText::new);

	String original;
	boolean hasNonAscii;

	// folded layer
	char[] f = new char[64];
	int[] fs = new int[64];
	int[] fe = new int[64];
	byte[] fc = new byte[64];
	int fLen;

	// view layer: char, index into folded layer, word-ness, soft boundary before this position
	char[] v = new char[64];
	int[] vf = new int[64];
	byte[] vc = new byte[64];
	boolean[] soft = new boolean[65];
	int vLen;

	// dedup layer: char, run length, view index of run start, word boundary before position
	char[] d = new char[64];
	int[] dn = new int[64];
	int[] dv = new int[64];
	boolean[] bnd = new boolean[65];
	int dLen;

	// chain scratch
	private int noChainBefore;
	private int[] chainPos = new int[16];
	private int[] gapStart = new int[16];
	private int[] gapEnd = new int[16];

	static NormalizedText of(String text) {
		NormalizedText w = WORKSPACE.get();
		w.run(text);
		if (w.f.length > RETAIN_LIMIT) {
			WORKSPACE.remove(); // do not pin huge arrays to the thread
		}
		return w;
	}

	/** A fresh (not thread-shared) normalisation, for compiling terms. */
	static NormalizedText fresh(String text) {
		NormalizedText w = new NormalizedText();
		w.run(text);
		return w;
	}

	/** Original start offset of folded char i. */
	int origStartOfFolded(int i) {
		return fs[i];
	}

	int origEndOfFolded(int i) {
		return fe[i];
	}

	int origStartOfView(int k) {
		return fs[vf[k]];
	}

	int origEndOfView(int k) {
		return fe[vf[k]];
	}

	String foldedString() {
		return new String(f, 0, fLen);
	}

	String viewString() {
		return new String(v, 0, vLen);
	}

	String dedupString() {
		return new String(d, 0, dLen);
	}

	private void run(String text) {
		original = text;
		int n = text.length();
		ensureFolded(n + 16);
		fold(text);
		ensureView(fLen + 1);
		view();
		dedup();
	}

	// ---------------------------------------------------------------- layer 1

	private void ensureFolded(int cap) {
		if (f.length < cap) {
			int c = Math.max(cap, f.length * 2);
			f = new char[c];
			fs = new int[c];
			fe = new int[c];
			fc = new byte[c];
		}
	}

	private void fold(String s) {
		int n = s.length();
		int o = 0;
		boolean nonAscii = false;
		char[] f = this.f;
		int[] fs = this.fs, fe = this.fe;
		byte[] fc = this.fc;
		for (int i = 0; i < n;) {
			char c = s.charAt(i);
			if (c < 0x80) {
				f[o] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
				fc[o] = Folding.asciiClass(c);
				fs[o] = i;
				fe[o] = i + 1;
				o++;
				i++;
				continue;
			}
			nonAscii = true;
			int cp;
			int len;
			String folded;
			if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
				cp = Character.toCodePoint(c, s.charAt(i + 1));
				len = 2;
				folded = Folding.fold(cp);
			} else {
				cp = c;
				len = 1;
				folded = Folding.foldBmp(c);
				if (folded == null) { // folds to itself
					byte cls = Folding.classBmp(c);
					if (cls == MARK && (o == 0 || Folding.stripsMarks(f[o - 1]))) {
						if (o > 0) {
							fe[o - 1] = i + 1; // absorb the stray accent into the previous char
						}
						i++;
						continue;
					}
					if (o + 4 > f.length) {
						grow(o + 4);
						f = this.f;
						fs = this.fs;
						fe = this.fe;
						fc = this.fc;
					}
					f[o] = c;
					fc[o] = cls;
					fs[o] = i;
					fe[o] = i + 1;
					o++;
					i++;
					continue;
				}
			}
			if (folded.isEmpty()) {
				i += len;
				continue;
			}
			if (o + folded.length() + 4 > f.length) {
				grow(o + folded.length() + 4);
				f = this.f;
				fs = this.fs;
				fe = this.fe;
				fc = this.fc;
			}
			for (int k = 0; k < folded.length(); k++) {
				char fch = folded.charAt(k);
				byte cls;
				if (Character.isSurrogate(fch)) {
					cls = Folding.classOf(folded.codePointAt(Character.isHighSurrogate(fch) ? k : k - 1));
				} else {
					cls = Folding.classBmp(fch);
				}
				if (cls == MARK && !Character.isSurrogate(fch) && (o == 0 || Folding.stripsMarks(f[o - 1]))) {
					if (o > 0) {
						fe[o - 1] = i + len;
					}
					continue;
				}
				f[o] = fch;
				fc[o] = cls;
				fs[o] = i;
				fe[o] = i + len;
				o++;
			}
			i += len;
		}
		fLen = o;
		hasNonAscii = nonAscii;
	}

	private void grow(int cap) {
		int c = Math.max(cap, f.length * 2);
		f = Arrays.copyOf(f, c);
		fs = Arrays.copyOf(fs, c);
		fe = Arrays.copyOf(fe, c);
		fc = Arrays.copyOf(fc, c);
	}

	// ---------------------------------------------------------------- layer 2

	private void ensureView(int cap) {
		if (v.length < cap) {
			int c = Math.max(cap, v.length * 2);
			v = new char[c];
			vf = new int[c];
			vc = new byte[c];
			soft = new boolean[c + 1];
			d = new char[c];
			dn = new int[c];
			dv = new int[c];
			bnd = new boolean[c + 1];
		}
	}

	private static boolean isWordish(byte c) {
		return c == WORD || c == DIGIT || c == MARK;
	}

	/** end (exclusive) of the word token starting at i, or i when no word starts here */
	private int wordEnd(int i) {
		final byte[] fc = this.fc;
		final int n = fLen;
		int j = i;
		while (j < n) {
			byte c = fc[j];
			if (c == WORD || c == DIGIT || c == MARK) {
				j++;
			} else if (c == LEETSYM && j + 1 < n && (fc[j + 1] == WORD || fc[j + 1] == DIGIT
					|| fc[j + 1] == LEETSYM && j + 2 < n && isWordish(fc[j + 2]))) {
				j++;
			} else {
				break;
			}
		}
		return j;
	}

	private void emit(char c, int fi, byte cls) {
		v[vLen] = c;
		vf[vLen] = fi;
		vc[vLen] = cls;
		soft[vLen] = false;
		vLen++;
	}

	private void emitSpace(int fi) {
		if (vLen > 0 && vc[vLen - 1] != V_SPACE) {
			emit(' ', fi, V_SPACE);
		}
	}

	private void view() {
		vLen = 0;
		noChainBefore = 0;
		final int n = fLen;
		final char[] f = this.f;
		final byte[] fc = this.fc;
		int i = 0;
		while (i < n) {
			byte c = fc[i];
			if (c == NOSPACE) {
				emit(f[i], i, V_NOSPACE);
				i++;
				if (i < n && Character.isLowSurrogate(f[i]) && fc[i] == NOSPACE) {
					emit(f[i], i, V_NOSPACE);
					i++;
				}
				while (i < n && fc[i] == MARK) { // Thai vowel signs, kana voicing marks
					emit(f[i], i, V_NOSPACE);
					i++;
				}
				// a short gap of separators between two no-space chars disappears ("傻 逼", "杀-了-你")
				int g = i;
				while (g < n && g - i <= 3 && (fc[g] == SEP || fc[g] == LEETSYM)) {
					g++;
				}
				if (g > i && g - i <= 3 && g < n && fc[g] == NOSPACE) {
					i = g;
				}
				continue;
			}
			int j = (c == SEP) ? i : wordEnd(i);
			if (j == i) { // separator (or a leet symbol that starts no word)
				emitSpace(i);
				i++;
				while (i < n && (fc[i] == SEP || fc[i] == LEETSYM && wordEnd(i) == i)) {
					i++;
				}
				continue;
			}
			if (j - i == 1 && i >= noChainBefore && isChainable(i)) {
				int end = chain(i);
				if (end > 0) {
					i = end;
					continue;
				}
			}
			emitWord(i, j);
			i = j;
		}
		while (vLen > 0 && vc[vLen - 1] == V_SPACE) {
			vLen--;
		}
		soft[vLen] = false;
	}

	private boolean isChainable(int i) {
		byte c = fc[i];
		char ch = f[i];
		return c == WORD && !Character.isSurrogate(ch) || c == DIGIT && ch < 0x80 && Folding.LEET[ch] != 0;
	}

	private void emitWord(int i, int j) {
		int letters = 0, leet = 0;
		for (int k = i; k < j; k++) {
			char ch = f[k];
			if (fc[k] == WORD) {
				letters++;
			} else if (ch < 0x80 && Folding.LEET[ch] != 0) {
				leet++;
			}
		}
		boolean fold = leet > 0 && letters > 0 && letters >= leet;
		for (int k = i; k < j; k++) {
			char ch = f[k];
			if (fold && ch < 0x80 && Folding.LEET[ch] != 0) {
				ch = Folding.LEET[ch];
			}
			emit(ch, k, V_WORD);
		}
	}

	/**
	 * Tries to join a run of at least three single-char tokens separated by short separators
	 * ("k.i.l.l", "f u c k", "k-1-l-l"). Returns the folded index after the run, or -1.
	 */
	private int chain(int start) {
		final int n = fLen;
		int m = 0;
		int p = start;
		while (true) {
			if (m == chainPos.length) {
				chainPos = Arrays.copyOf(chainPos, m * 2);
				gapStart = Arrays.copyOf(gapStart, m * 2);
				gapEnd = Arrays.copyOf(gapEnd, m * 2);
			}
			chainPos[m++] = p;
			int g = p + 1;
			int k = g;
			while (k < n && k - g <= 3 && (fc[k] == SEP || fc[k] == LEETSYM && wordEnd(k) == k)) {
				k++;
			}
			int gap = k - g;
			if (gap < 1 || gap > 3 || k >= n || !(fc[k] == WORD || fc[k] == DIGIT) || wordEnd(k) != k + 1
					|| !isChainable(k) || hasNewline(g, k)) {
				break;
			}
			gapStart[m - 1] = g;
			gapEnd[m - 1] = k;
			// one separator style per run: "k i l l  y o u" and "k.i.l.l y.o.u" are two words each
			if (m > 1 && !sameGap(m - 1, 0)) {
				break;
			}
			p = k;
		}
		noChainBefore = chainPos[m - 1] + 1; // a rejected run is not retried token by token
		if (m < 3) {
			return -1;
		}
		int letters = 0;
		for (int t = 0; t < m; t++) {
			if (fc[chainPos[t]] == WORD) {
				letters++;
			}
		}
		if (letters < 2 || letters < m - letters) {
			return -1;
		}
		int wordStartV = vLen;
		int wordTokens = 0;
		for (int t = 0; t < m; t++) {
			int fi = chainPos[t];
			char ch = f[fi];
			if (ch < 0x80 && Folding.LEET[ch] != 0 && fc[fi] != WORD) {
				ch = Folding.LEET[ch];
			}
			emit(ch, fi, V_WORD);
			wordTokens++;
		}
		markChainEdges(wordStartV, wordTokens);
		return chainPos[m - 1] + 1;
	}

	/** "I k i l l", "f u c k u": a lone a/i/u at either end of a joined run may be a word of its own */
	private void markChainEdges(int from, int tokens) {
		if (tokens < 3) {
			return;
		}
		if (isLoneWord(v[from])) {
			soft[from + 1] = true;
		}
		if (isLoneWord(v[vLen - 1])) {
			soft[vLen - 1] = true;
		}
	}

	private static boolean isLoneWord(char c) {
		return c == 'a' || c == 'i' || c == 'u';
	}

	private boolean hasNewline(int from, int to) {
		for (int k = from; k < to; k++) {
			if (f[k] == '\n' || f[k] == '\r') {
				return true;
			}
		}
		return false;
	}

	private boolean sameGap(int a, int b) {
		int la = gapEnd[a] - gapStart[a], lb = gapEnd[b] - gapStart[b];
		if (la != lb) {
			return false;
		}
		for (int k = 0; k < la; k++) {
			if (f[gapStart[a] + k] != f[gapStart[b] + k]) {
				return false;
			}
		}
		return true;
	}

	// ---------------------------------------------------------------- layer 3

	private void dedup() {
		final char[] v = this.v, d = this.d;
		final int[] dn = this.dn, dv = this.dv;
		final byte[] vc = this.vc;
		final int n = vLen;
		int o = 0;
		int k = 0;
		while (k < n) {
			char c = v[k];
			int e = k + 1;
			while (e < n && v[e] == c) {
				e++;
			}
			d[o] = c;
			dn[o] = e - k;
			dv[o] = k;
			byte prev = k == 0 ? V_SPACE : vc[k - 1];
			bnd[o] = prev != V_WORD || vc[k] != V_WORD || soft[k];
			o++;
			k = e;
		}
		dLen = o;
		bnd[o] = true;
	}
}
