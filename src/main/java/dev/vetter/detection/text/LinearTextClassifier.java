package dev.vetter.detection.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic-regression text classifier over hashed n-gram features of the folded text
 * (the same case/width/homoglyph/Traditional→Simplified folding as the matcher): word
 * unigrams and bigrams plus character 3-grams (up to {@link #charMax}-grams) of
 * {@code <word>} for space-separated scripts, character 1–3-grams for
 * Chinese/Japanese/Thai runs. Features are binary and the vector is L2-normalised;
 * weights are quantised to one signed byte per bucket. Immutable, thread-safe; a score
 * costs one pass over the text and one table lookup per n-gram, hashed straight from the
 * char array (no allocation).
 *
 * <p>
 * Trained by {@code bench/text-quality/train.sh} (see
 * src/main/resources/classifier/README.md).
 */
final class LinearTextClassifier {

	private static final int MAGIC = 0x56544c43; // "VTLC"

	private static final int VERSION = 2;

	final int bits;

	final int mask;

	/** longest character n-gram of a word (3..5) */
	final int charMax;

	final float bias;

	final float scale;

	final byte[] weights;

	LinearTextClassifier(int bits, int charMax, float bias, float scale, byte[] weights) {
		if (weights.length != 1 << bits) {
			throw new IllegalArgumentException("weights: " + weights.length + " != 2^" + bits);
		}
		if (charMax < 3 || charMax > 5) {
			throw new IllegalArgumentException("charMax out of range: " + charMax);
		}
		this.bits = bits;
		this.mask = (1 << bits) - 1;
		this.charMax = charMax;
		this.bias = bias;
		this.scale = scale;
		this.weights = weights;
	}

	/** Probability (0..1) that the text is offensive. */
	double score(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		return score(NormalizedText.fresh(text));
	}

	double score(NormalizedText t) {
		Features sum = new Features(weights);
		features(t.f, t.fLen, mask, charMax, sum);
		if (sum.count == 0) {
			return sigmoid(bias);
		}
		return sigmoid(bias + scale * sum.total / Math.sqrt(sum.count));
	}

	static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/**
	 * Receives the bucket of every feature of a text (duplicates included): adds up the
	 * weights when scoring, or keeps the buckets when training. A final class rather than
	 * an interface so that the call per n-gram is inlined.
	 */
	static final class Features {

		private final byte[] weights;

		int total;

		int count;

		int[] buckets;

		/** scoring: sums the weights */
		Features(byte[] weights) {
			this.weights = weights;
		}

		/** training: keeps the buckets */
		Features() {
			this.weights = null;
			this.buckets = new int[64];
		}

		void add(int bucket) {
			if (weights != null) {
				total += weights[bucket];
			}
			else {
				if (count == buckets.length) {
					buckets = java.util.Arrays.copyOf(buckets, count * 2);
				}
				buckets[count] = bucket;
			}
			count++;
		}

	}

	private static final int SEED_WORD = 0x1234567, SEED_BIGRAM = 0x2345678, SEED_CHAR = 0x3456789,
			SEED_CJK = 0x456789a;

	/**
	 * The feature extractor shared by training and scoring: {@code f[0..len)} is the
	 * folded text. Words are maximal runs of letters/digits/apostrophes of
	 * space-separated scripts; every char of a no-space script (Han, kana, Hangul, Thai)
	 * is its own unit.
	 */
	static void features(char[] f, int len, int mask, int charMax, Features sink) {
		int prevWordHash = 0;
		boolean hasPrevWord = false;
		int cjkRunStart = -1;
		int i = 0;
		while (i < len) {
			char c = f[i];
			if (isNoSpace(c)) {
				if (cjkRunStart < 0) {
					cjkRunStart = i;
				}
				// 1-3-grams ending at i within the run
				int h = SEED_CJK;
				for (int k = 0; k < 3 && i - k >= cjkRunStart; k++) {
					h = mix(h, f[i - k]);
					sink.add(fin(h, k + 1) & mask);
				}
				hasPrevWord = false;
				i++;
				continue;
			}
			cjkRunStart = -1;
			if (isWordChar(c)) {
				int s = i;
				int wh = SEED_WORD;
				while (i < len && isWordChar(f[i]) && !isNoSpace(f[i])) {
					wh = mix(wh, f[i]);
					i++;
				}
				wh = fin(wh, i - s);
				sink.add(wh & mask);
				if (hasPrevWord) {
					sink.add(fin(mix(mix(SEED_BIGRAM, prevWordHash), wh), 2) & mask);
				}
				prevWordHash = wh;
				hasPrevWord = true;
				// char 3..charMax-grams of "<word>" (the angle brackets are virtual
				// boundary marks); a word of one or two letters is its unigram only
				int wl = i - s + 2;
				if (wl > 3) {
					for (int a = 0; a + 3 <= wl; a++) {
						int h = SEED_CHAR;
						for (int n = 1; n <= charMax && a + n <= wl; n++) {
							int p = a + n - 1;
							h = mix(h, p == 0 ? '<' : p == wl - 1 ? '>' : f[s + p - 1]);
							if (n >= 3 && n < wl) {
								sink.add(fin(h, n) & mask);
							}
						}
					}
				}
				continue;
			}
			if (c != ' ' && c != ',' && c != '.' && !Character.isWhitespace(c) && c != '，' && c != '。') {
				// punctuation and emoji: unigram, does not break a word bigram
				sink.add(fin(mix(SEED_WORD ^ 0x55, c), 1) & mask);
			}
			i++;
		}
	}

	/** ASCII letters, digits and the apostrophe */
	private static final boolean[] ASCII_WORD = new boolean[128];

	static {
		for (char c = 0; c < 128; c++) {
			ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '\'';
		}
	}

	private static boolean isWordChar(char c) {
		return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c) || c == '’';
	}

	static boolean isNoSpace(char c) {
		return c >= 0x2E80 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF
				|| c >= 0x0E00 && c <= 0x0E7F || c >= 0x3040 && c <= 0x30FF;
	}

	private static int mix(int h, int v) {
		h ^= v;
		h *= 0x01000193;
		return h;
	}

	/** one multiply and one shift: enough to spread FNV's state over the low bits */
	private static int fin(int h, int n) {
		h = (h ^ n * 0x9E3779B9) * 0x85EBCA6B;
		return h ^ h >>> 16;
	}

	static LinearTextClassifier read(InputStream raw) {
		try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
			if (in.readInt() != MAGIC || in.readInt() != VERSION) {
				throw new IllegalArgumentException("not a Vetter classifier file (magic/version)");
			}
			int bits = in.readInt();
			if (bits < 8 || bits > 24) {
				throw new IllegalArgumentException("classifier bits out of range: " + bits);
			}
			int charMax = in.readInt();
			float bias = in.readFloat();
			float scale = in.readFloat();
			byte[] w = new byte[1 << bits];
			in.readFully(w);
			return new LinearTextClassifier(bits, charMax, bias, scale, w);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Quantises float weights to one byte each and writes the gzip'd model. */
	static void write(OutputStream raw, int bits, int charMax, float bias, float[] w) throws IOException {
		float max = 0;
		for (float x : w) {
			max = Math.max(max, Math.abs(x));
		}
		float scale = max == 0 ? 1 : max / 127f;
		try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
			out.writeInt(MAGIC);
			out.writeInt(VERSION);
			out.writeInt(bits);
			out.writeInt(charMax);
			out.writeFloat(bias);
			out.writeFloat(scale);
			byte[] q = new byte[w.length];
			for (int i = 0; i < w.length; i++) {
				q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
			}
			out.write(q);
		}
	}

}
