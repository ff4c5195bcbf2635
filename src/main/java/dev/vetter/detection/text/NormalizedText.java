package dev.vetter.detection.text;

import static dev.vetter.detection.text.Folding.DIGIT;
import static dev.vetter.detection.text.Folding.LEETSYM;
import static dev.vetter.detection.text.Folding.MARK;
import static dev.vetter.detection.text.Folding.NOSPACE;
import static dev.vetter.detection.text.Folding.SEP;
import static dev.vetter.detection.text.Folding.WORD;

import java.util.Arrays;

/**
 * A text normalised for matching, with maps back to UTF-16 offsets of the original
 * string. Three layers:
 * <ol>
 * <li><b>folded</b> ({@code f}): per code point {@link Folding} (NFKC_CF, accents,
 * homoglyphs, digits, Traditional to Simplified); default-ignorables removed; stray
 * combining marks on Latin-like bases are dropped and absorbed into the previous char's
 * span. Each char knows its original [start, end).</li>
 * <li><b>view</b> ({@code v}): words with leetspeak folded (only in tokens where letters
 * are at least as many as leet chars, so "2024" or "a55" stay as they are), separator
 * runs turned into one space, runs of three or more single letters separated by the same
 * short separator ("k.i.l.l", "f u c k") joined into one word, and short gaps between CJK
 * chars removed.</li>
 * <li><b>dedup</b> ({@code d}): runs of one repeated char collapsed to one char plus a
 * count, so "fuuuuck" and "kiiiill" reach the automaton as "fuck" and "kil"; the counts
 * are checked against the term's own run counts afterwards (see
 * {@link CompiledTerms}).</li>
 * </ol>
 * Instances obtained from {@link #of(String)} reuse per-thread arrays and are valid until
 * the next call on the same thread.
 */
final class NormalizedText {

	/** word-ness of view chars */
	static final byte V_SPACE = 0, V_WORD = 1, V_NOSPACE = 2;

	/**
	 * arrays up to this many chars stay attached to the thread for reuse (about 30 bytes
	 * per char)
	 */
	private static final int RETAIN_LIMIT = Integer.getInteger("vetter.text.retainChars", 1 << 20);

	private static final char[] ASCII_LOWER = new char[128];

	private static final byte[] ASCII_CLASS = new byte[128];

	static {
		for (char c = 0; c < 128; c++) {
			ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
			ASCII_CLASS[c] = Folding.asciiClass(c);
		}
	}
	private static final ThreadLocal<NormalizedText> WORKSPACE = ThreadLocal.withInitial(NormalizedText::new);

	String original;

	boolean hasNonAscii;

	// folded layer
	char[] f = new char[64];

	int[] fs = new int[64];

	int[] fe = new int[64];

	byte[] fc = new byte[64];

	int fLen;

	// view layer: only the index into the folded layer is kept per view char
	int[] vf = new int[64];

	int vLen;

	// dedup layer: char, run length, view index of run start, word-ness, word boundary
	// before position
	char[] d = new char[64];

	int[] dn = new int[64];

	int[] dv = new int[64];

	byte[] dc = new byte[64];

	boolean[] bnd = new boolean[65];

	int dLen;

	private char lastChar;

	private byte lastCls;

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
		return identity ? i : fs[i];
	}

	int origEndOfFolded(int i) {
		return identity ? i + 1 : fe[i];
	}

	int origStartOfView(int k) {
		return origStartOfFolded(vf[k]);
	}

	int origEndOfView(int k) {
		return origEndOfFolded(vf[k]);
	}

	/** The text as the client sent it. */
	String original() {
		return original;
	}

	/** Number of chars of the folded layer. */
	int foldedLength() {
		return fLen;
	}

	/** Folded char {@code i} (NFKC_CF, accents stripped, homoglyphs and digits ASCII). */
	char foldedChar(int i) {
		return f[i];
	}

	/**
	 * The {@link Folding} class of folded char {@code i} ({@code WORD}, {@code DIGIT},
	 * ...).
	 */
	byte foldedClass(int i) {
		return fc[i];
	}

	String foldedString() {
		return new String(f, 0, fLen);
	}

	String viewString() {
		StringBuilder sb = new StringBuilder(vLen);
		for (int j = 0; j < dLen; j++) {
			for (int r = 0; r < dn[j]; r++) {
				sb.append(d[j]);
			}
		}
		return sb.toString();
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

	/**
	 * true when the text was pure ASCII: folded index == original index, fs/fe were not
	 * filled
	 */
	boolean identity;

	private void fold(String s) {
		int n = s.length();
		if (foldAscii(s, n)) {
			return;
		}
		int o = 0;
		boolean nonAscii = false;
		char[] f = this.f;
		int[] fs = this.fs, fe = this.fe;
		byte[] fc = this.fc;
		for (int i = 0; i < n;) {
			char c = s.charAt(i);
			if (c < 0x80) {
				f[o] = ASCII_LOWER[c];
				fc[o] = ASCII_CLASS[c];
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
			}
			else {
				cp = c;
				len = 1;
				folded = Folding.foldBmp(c);
				if (folded == null) { // folds to itself
					byte cls = Folding.classBmp(c);
					if (cls == MARK && (o == 0 || Folding.stripsMarks(f[o - 1]))) {
						if (o > 0) {
							fe[o - 1] = i + 1; // absorb the stray accent into the
												// previous char
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
				int type = Character.getType(cp);
				if (o > 0 && (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK)) {
					fe[o - 1] = i + len; // a stripped accent belongs to the letter before
											// it
				}
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
				}
				else {
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
		identity = false;
	}

	/**
	 * Fast path for pure ASCII text: bulk copy, then lower-case and classify in place.
	 */
	private boolean foldAscii(String s, int n) {
		s.getChars(0, n, f, 0);
		final char[] f = this.f;
		final byte[] fc = this.fc;
		for (int i = 0; i < n; i++) {
			char c = f[i];
			if (c >= 0x80) {
				return false;
			}
			f[i] = ASCII_LOWER[c];
			fc[i] = ASCII_CLASS[c];
		}
		fLen = n;
		identity = true;
		hasNonAscii = false;
		return true;
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
		if (vf.length < cap) {
			int c = Math.max(cap, vf.length * 2);
			vf = new int[c];
			dc = new byte[c];
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
			if (c == WORD || c == MARK) {
				j++;
			}
			else if (c == DIGIT) {
				j++;
			}
			else if (c == LEETSYM && j + 1 < n && (fc[j + 1] == WORD || fc[j + 1] == DIGIT
					|| fc[j + 1] == LEETSYM && j + 2 < n && isWordish(fc[j + 2]))) {
				j++;
			}
			else {
				break;
			}
		}
		return j;
	}

	/** Appends one view char and extends the dedup layer at the same time. */
	private void emit(char c, int fi, byte cls) {
		int k = vLen;
		vf[k] = fi;
		vLen = k + 1;
		if (c == lastChar && cls == lastCls && k > 0) {
			dn[dLen - 1]++;
			return;
		}
		int j = dLen;
		d[j] = c;
		dn[j] = 1;
		dv[j] = k;
		dc[j] = cls;
		bnd[j] = lastCls != V_WORD || cls != V_WORD;
		dLen = j + 1;
		lastChar = c;
		lastCls = cls;
	}

	/**
	 * Marks a word boundary before view char k (only meaningful where a dedup run
	 * starts).
	 */
	private void markSoft(int k) {
		for (int j = dLen - 1; j >= 0; j--) {
			if (dv[j] == k) {
				bnd[j] = true;
				return;
			}
			if (dv[j] < k) {
				return;
			}
		}
	}

	private void emitSpace(int fi) {
		if (vLen > 0 && lastCls != V_SPACE) {
			emit(' ', fi, V_SPACE);
		}
	}

	private void view() {
		vLen = 0;
		dLen = 0;
		lastChar = 0;
		lastCls = V_SPACE;
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
				// a short gap of separators between two no-space chars disappears ("傻 逼",
				// "杀-了-你")
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
		if (vLen > 0 && lastCls == V_SPACE) { // at most one trailing space, and it is its
												// own run
			vLen--;
			dLen--;
		}
		bnd[dLen] = true;
	}

	private boolean isChainable(int i) {
		byte c = fc[i];
		char ch = f[i];
		return c == WORD && !Character.isSurrogate(ch) || c == DIGIT && ch < 0x80 && Folding.LEET[ch] != 0;
	}

	private void emitWord(int i, int j) {
		int letters = 0, leet = 0;
		for (int k = i; k < j; k++) {
			if (fc[k] == WORD) {
				letters++;
			}
			else {
				char ch = f[k];
				if (ch < 0x80 && Folding.LEET[ch] != 0) {
					leet++;
				}
			}
		}
		if (leet == 0) {
			for (int k = i; k < j; k++) {
				emit(f[k], k, V_WORD);
			}
			return;
		}
		boolean fold = letters > 0 && letters >= leet;
		for (int k = i; k < j; k++) {
			char ch = f[k];
			if (fold && ch < 0x80 && Folding.LEET[ch] != 0) {
				ch = Folding.LEET[ch];
			}
			emit(ch, k, V_WORD);
		}
	}

	/**
	 * Tries to join a run of at least three single-char tokens separated by short
	 * separators ("k.i.l.l", "f u c k", "k-1-l-l"). Returns the folded index after the
	 * run, or -1.
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
			// one separator style per run: "k i l l y o u" and "k.i.l.l y.o.u" are two
			// words each
			if (m > 1 && !sameGap(m - 1, 0)) {
				break;
			}
			p = k;
		}
		noChainBefore = chainPos[m - 1] + 1; // a rejected run is not retried token by
												// token
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
		char first = 0, last = 0;
		for (int t = 0; t < m; t++) {
			int fi = chainPos[t];
			char ch = f[fi];
			if (ch < 0x80 && Folding.LEET[ch] != 0 && fc[fi] != WORD) {
				ch = Folding.LEET[ch];
			}
			emit(ch, fi, V_WORD);
			if (t == 0) {
				first = ch;
			}
			last = ch;
		}
		// "I k i l l", "f u c k u": a lone a/i/u at either end of a joined run may be a
		// word of its own
		if (isLoneWord(first)) {
			markSoft(wordStartV + 1);
		}
		if (isLoneWord(last)) {
			markSoft(vLen - 1);
		}
		return chainPos[m - 1] + 1;
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

}
