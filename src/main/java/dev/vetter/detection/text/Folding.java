package dev.vetter.detection.text;

import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;

/**
 * Per-code-point folding tables (built once, about half a second) so that scanning needs
 * no ICU call: NFKC + case fold (which also drops default-ignorables such as ZWSP and
 * soft hyphen), accent stripping for Latin/Greek/Cyrillic, homoglyph folding (ICU
 * confusable skeleton, only where it yields one ASCII letter or digit, so ASCII text is
 * never rewritten), Unicode decimal digits to ASCII, and Traditional to Simplified
 * Chinese (ICU "Traditional-Simplified", character by character).
 *
 * <p>
 * Folding per code point instead of per string trades exact canonical composition across
 * code points (irrelevant once accents are stripped) for a table lookup per char.
 */
final class Folding {

	/** char classes of FOLDED chars */
	static final byte SEP = 0, WORD = 1, DIGIT = 2, NOSPACE = 3, MARK = 4, LEETSYM = 5;

	private static final String[] FOLD = new String[0x10000];

	private static final byte[] CLASS = new byte[0x10000];

	/** leetspeak: digit/symbol to letter, 0 when none */
	static final char[] LEET = new char[128];

	private static final ConcurrentHashMap<Integer, String> SUPPLEMENTARY = new ConcurrentHashMap<>();

	private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();

	private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

	private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

	private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

	private static final char[] TRAD_SIMP = new char[0x10000];

	static {
		LEET['0'] = 'o';
		LEET['1'] = 'i';
		LEET['3'] = 'e';
		LEET['4'] = 'a';
		LEET['5'] = 's';
		LEET['7'] = 't';
		LEET['8'] = 'b';
		LEET['9'] = 'g';
		LEET['@'] = 'a';
		LEET['$'] = 's';
		LEET['!'] = 'i';
		LEET['|'] = 'l';
		buildTradSimp();
		for (int c = 0; c < 0x10000; c++) {
			if (c < 0x80) {
				CLASS[c] = asciiClass((char) c);
				if (c >= 'A' && c <= 'Z') {
					FOLD[c] = String.valueOf((char) (c + 32));
				}
				continue;
			}
			if (Character.isSurrogate((char) c)) {
				continue;
			}
			CLASS[c] = classOf(c);
			String f = foldCodePoint(c);
			if (!(f.length() == 1 && f.charAt(0) == c)) {
				FOLD[c] = f;
			}
		}
	}

	private Folding() {
	}

	static byte asciiClass(char c) {
		if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return WORD;
		}
		if (c >= '0' && c <= '9') {
			return DIGIT;
		}
		if (c == '@' || c == '$' || c == '!' || c == '|') {
			return LEETSYM;
		}
		return SEP;
	}

	/** Class of a folded code point. */
	static byte classOf(int cp) {
		if (cp < 0x80) {
			return asciiClass((char) cp);
		}
		int type = Character.getType(cp);
		switch (type) {
			case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK:
				return MARK;
			case Character.DECIMAL_DIGIT_NUMBER:
				return DIGIT;
			default:
				break;
		}
		if (isNoSpaceScript(cp)) {
			return NOSPACE;
		}
		if (Character.isLetter(cp) || type == Character.LETTER_NUMBER) {
			return WORD;
		}
		return SEP;
	}

	/**
	 * Scripts written without spaces between words: terms match there as plain
	 * substrings.
	 */
	static boolean isNoSpaceScript(int cp) {
		if (cp == 0x30FC || cp == 0x3005 || cp == 0x3007) { // prolonged sound mark,
															// iteration mark, ideographic
															// zero
			return true;
		}
		if (!Character.isLetter(cp) && Character.getType(cp) != Character.OTHER_LETTER) {
			return false;
		}
		int script = UScript.getScript(cp);
		return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
				|| script == UScript.BOPOMOFO || script == UScript.THAI || script == UScript.LAO
				|| script == UScript.KHMER || script == UScript.MYANMAR || script == UScript.TIBETAN;
	}

	/**
	 * Whether combining marks on this base are accents to strip (Latin, Greek, Cyrillic,
	 * symbols).
	 */
	static boolean stripsMarks(int base) {
		return base < 0x0590 || base >= 0x1AB0 && base <= 0x1EFF || base >= 0x2000 && base <= 0x2BFF
				|| base >= 0xFF00 && base <= 0xFFEF;
	}

	static String fold(int cp) {
		if (cp < 0x10000) {
			String f = FOLD[cp];
			return f != null ? f : String.valueOf((char) cp);
		}
		String f = SUPPLEMENTARY.get(cp);
		if (f == null) {
			f = foldCodePoint(cp);
			if (SUPPLEMENTARY.size() < 20_000) {
				SUPPLEMENTARY.put(cp, f);
			}
		}
		return f;
	}

	/** BMP fast path: the folded form of c, or null when c folds to itself. */
	static String foldBmp(char c) {
		return FOLD[c];
	}

	static byte classBmp(char c) {
		return CLASS[c];
	}

	/**
	 * Look-alikes ICU's confusable skeletons leave alone: small capitals ("ʙᴀᴅ"), and
	 * Greek letters used for Latin ones in evasions ("fμck").
	 */
	private static final String LOOKALIKES = "ᴀaʙbᴄcᴅdᴇeꜰfɢgʜhɪiᴊjᴋkʟlᴍmɴnᴏoᴘpǫqʀrꜱsᴛtᴜuᴠvᴡwʏyᴢzμuʋvκkιiαaνvτtρpοoυu";

	private static String foldCodePoint(int cp) {
		int lookalike = LOOKALIKES.indexOf(cp);
		if (cp < 0x10000 && lookalike >= 0 && lookalike % 2 == 0) {
			return String.valueOf(LOOKALIKES.charAt(lookalike + 1));
		}
		String raw = new String(Character.toChars(cp));
		if (Character.isLetter(cp) && !isNoSpaceScript(cp)) {
			// skeleton of the char as written: capital Greek/Cyrillic lookalikes
			// ("ΡΑΥΡΑL") fold before case
			// folding would turn them into lower-case letters with other skeletons
			String sk = SPOOF.getSkeleton(raw);
			if (sk.length() == 1) {
				char k = Character.toLowerCase(sk.charAt(0));
				if (k >= 'a' && k <= 'z') {
					return String.valueOf(k);
				}
			}
		}
		String s = NFKC_CF.normalize(raw);
		if (s.isEmpty()) {
			return s;
		}
		// strip accents: NFD, drop marks that sit on a Latin/Greek/Cyrillic base,
		// recompose the rest
		String d = NFD.normalize(s);
		StringBuilder sb = new StringBuilder(d.length());
		int base = -1;
		for (int i = 0; i < d.length();) {
			int c = d.codePointAt(i);
			i += Character.charCount(c);
			int type = Character.getType(c);
			boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
			if (mark && (base < 0 || stripsMarks(base))) {
				continue;
			}
			if (!mark) {
				base = c;
			}
			sb.appendCodePoint(c);
		}
		String r = NFC.normalize(sb);
		StringBuilder out = new StringBuilder(r.length());
		for (int i = 0; i < r.length();) {
			int c = r.codePointAt(i);
			i += Character.charCount(c);
			out.append(foldOne(c));
		}
		return out.toString();
	}

	private static String foldOne(int c) {
		if (c < 0x80) {
			return String.valueOf(Character.toLowerCase((char) c));
		}
		if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
			int v = UCharacter.digit(c, 10);
			if (v >= 0) {
				return String.valueOf((char) ('0' + v));
			}
		}
		if (c < 0x10000 && TRAD_SIMP[c] != 0) {
			return String.valueOf(TRAD_SIMP[c]);
		}
		if (Character.isLetter(c) && !isNoSpaceScript(c)) {
			String sk = SPOOF.getSkeleton(new String(Character.toChars(c)));
			if (sk.length() == 1) {
				char k = Character.toLowerCase(sk.charAt(0));
				if (k >= 'a' && k <= 'z' || k >= '0' && k <= '9') {
					return String.valueOf(k);
				}
			}
		}
		return new String(Character.toChars(c));
	}

	private static void buildTradSimp() {
		Transliterator ts = Transliterator.getInstance("Traditional-Simplified");
		int[][] ranges = { { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF } };
		for (int[] r : ranges) {
			StringBuilder sb = new StringBuilder((r[1] - r[0] + 1) * 2);
			for (int c = r[0]; c <= r[1]; c++) {
				sb.append((char) c).append('\n');
			}
			String[] parts = ts.transliterate(sb.toString()).split("\n", -1);
			if (parts.length != r[1] - r[0] + 2) {
				continue; // unexpected shape: leave this range unmapped rather than
							// mis-map it
			}
			for (int c = r[0]; c <= r[1]; c++) {
				String p = parts[c - r[0]];
				if (p.length() == 1 && p.charAt(0) != c) {
					TRAD_SIMP[c] = p.charAt(0);
				}
			}
		}
	}

}
