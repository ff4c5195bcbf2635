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
 * unigrams and bigrams plus character 3–5-grams inside words for space-separated scripts,
 * character 1–3-grams for Chinese/Japanese/Thai runs. Features are binary and the vector
 * is L2-normalised; weights are quantised to one signed byte per bucket. Immutable,
 * thread-safe; a score costs one pass over the text and one table lookup per n-gram.
 *
 * <p>
 * Trained by {@code bench/text-quality/train.sh} (see
 * src/main/resources/classifier/README.md).
 */
final class LinearTextClassifier {

	private static final int MAGIC = 0x56544c43; // "VTLC"

	private static final int VERSION = 1;

	final int bits;

	final int mask;

	final float bias;

	final float scale;

	final byte[] weights;

	LinearTextClassifier(int bits, float bias, float scale, byte[] weights) {
		if (weights.length != 1 << bits) {
			throw new IllegalArgumentException("weights: " + weights.length + " != 2^" + bits);
		}
		this.bits = bits;
		this.mask = (1 << bits) - 1;
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
		double[] acc = new double[2]; // sum of weights, feature count
		features(t.f, t.fLen, mask, h -> {
			acc[0] += weights[h];
			acc[1]++;
		});
		if (acc[1] == 0) {
			return sigmoid(bias);
		}
		return sigmoid(bias + scale * acc[0] / Math.sqrt(acc[1]));
	}

	static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/** Receives the bucket of every feature of a text (duplicates included). */
	interface Sink {

		void accept(int bucket);

	}

	private static final int SEED_WORD = 0x1234567, SEED_BIGRAM = 0x2345678, SEED_CHAR = 0x3456789,
			SEED_CJK = 0x456789a;

	/**
	 * The feature extractor shared by training and scoring: {@code f[0..len)} is the
	 * folded text. Words are maximal runs of letters/digits/apostrophes of
	 * space-separated scripts; every char of a no-space script (Han, kana, Hangul, Thai)
	 * is its own unit.
	 */
	static void features(char[] f, int len, int mask, Sink sink) {
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
					sink.accept(fin(h, k + 1) & mask);
				}
				hasPrevWord = false;
				i++;
				continue;
			}
			cjkRunStart = -1;
			if (isWordChar(c)) {
				int s = i;
				while (i < len && isWordChar(f[i]) && !isNoSpace(f[i])) {
					i++;
				}
				int wh = SEED_WORD;
				for (int k = s; k < i; k++) {
					wh = mix(wh, f[k]);
				}
				wh = fin(wh, i - s);
				sink.accept(wh & mask);
				if (hasPrevWord) {
					sink.accept(fin(mix(mix(SEED_BIGRAM, prevWordHash), wh), 2) & mask);
				}
				prevWordHash = wh;
				hasPrevWord = true;
				// char 3..5-grams of "<word>" (the angle brackets are virtual boundary
				// marks)
				int wl = i - s + 2;
				if (wl > 3) {
					for (int a = 0; a < wl; a++) {
						int h = SEED_CHAR;
						for (int n = 1; n <= 5 && a + n <= wl; n++) {
							int p = a + n - 1;
							char ch = p == 0 ? '<' : p == wl - 1 ? '>' : f[s + p - 1];
							h = mix(h, ch);
							if (n >= 3 && n < wl) {
								sink.accept(fin(h, n) & mask);
							}
						}
					}
				}
				continue;
			}
			if (!Character.isWhitespace(c) && c != ',' && c != '.' && c != '，' && c != '。') {
				// punctuation and emoji: unigram, does not break a word bigram
				sink.accept(fin(mix(SEED_WORD ^ 0x55, c), 1) & mask);
			}
			i++;
		}
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '\'' || c == '’';
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

	private static int fin(int h, int n) {
		h ^= n * 0x9E3779B9;
		h ^= h >>> 16;
		h *= 0x85EBCA6B;
		h ^= h >>> 13;
		h *= 0xC2B2AE35;
		h ^= h >>> 16;
		return h;
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
			float bias = in.readFloat();
			float scale = in.readFloat();
			byte[] w = new byte[1 << bits];
			in.readFully(w);
			return new LinearTextClassifier(bits, bias, scale, w);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Quantises float weights to one byte each and writes the gzip'd model. */
	static void write(OutputStream raw, int bits, float bias, float[] w) throws IOException {
		float max = 0;
		for (float x : w) {
			max = Math.max(max, Math.abs(x));
		}
		float scale = max == 0 ? 1 : max / 127f;
		try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
			out.writeInt(MAGIC);
			out.writeInt(VERSION);
			out.writeInt(bits);
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
