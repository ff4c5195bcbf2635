package dev.vetter.detection;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 256-bit PDQ perceptual hash with its quality. Bit {@code k} (0..255) is the DCT
 * coefficient at row {@code k / 16}, column {@code k % 16}; the hex form is the 256-bit
 * number written big-endian (64 hex digits), as in the published PDQ test vectors.
 * Immutable.
 *
 * @see dev.vetter.detection.image.PdqHasher
 */
public final class PdqHash {

	/** Green-compatible default: two images match when their distance is at most this. */
	public static final int DEFAULT_MATCH_DISTANCE = 31;

	private final long[] words;

	private final int quality;

	private PdqHash(long[] words, int quality) {
		this.words = words;
		this.quality = quality;
	}

	/**
	 * @param words four words, {@code words[0]} holding bits 0..63
	 * @param quality 0..100; hashes of flat, featureless images score low
	 */
	public static PdqHash of(long[] words, int quality) {
		if (words.length != 4) {
			throw new IllegalArgumentException("a PDQ hash has 4 words of 64 bits");
		}
		if (quality < 0 || quality > 100) {
			throw new IllegalArgumentException("quality must be 0..100, was " + quality);
		}
		return new PdqHash(words.clone(), quality);
	}

	/** Parses 64 hex digits (any case); the quality is not part of the hex form. */
	public static PdqHash fromHex(String hex, int quality) {
		if (hex == null || hex.length() != 64) {
			throw new IllegalArgumentException("a PDQ hash is 64 hex digits");
		}
		long[] words = new long[4];
		for (int i = 0; i < 4; i++) {
			words[3 - i] = HexFormat.fromHexDigitsToLong(hex, i * 16, i * 16 + 16);
		}
		return of(words, quality);
	}

	public String toHex() {
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(words[3]) + hex.toHexDigits(words[2]) + hex.toHexDigits(words[1])
				+ hex.toHexDigits(words[0]);
	}

	public int quality() {
		return quality;
	}

	/** Word {@code i} (0..3) of the hash; word 0 holds bits 0..63. */
	public long word(int i) {
		return words[i];
	}

	public boolean bit(int k) {
		return (words[k >>> 6] >>> (k & 63) & 1L) != 0;
	}

	/** Number of differing bits, 0..256. */
	public int distance(PdqHash other) {
		return Long.bitCount(words[0] ^ other.words[0]) + Long.bitCount(words[1] ^ other.words[1])
				+ Long.bitCount(words[2] ^ other.words[2]) + Long.bitCount(words[3] ^ other.words[3]);
	}

	/** Equal bits; the quality is not compared. */
	@Override
	public boolean equals(Object o) {
		return o instanceof PdqHash other && Arrays.equals(words, other.words);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(words);
	}

	@Override
	public String toString() {
		return toHex() + " q=" + quality;
	}

}
