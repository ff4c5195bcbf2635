package dev.vetter.api.acs;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in Alibaba's shape (upper-case UUID), from a non-blocking random source.
 */
public final class RequestIds {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private RequestIds() {
	}

	public static String next() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		long hi = r.nextLong();
		long lo = r.nextLong();
		char[] out = new char[36];
		int p = 0;
		for (int i = 0; i < 32; i++) {
			if (i == 8 || i == 12 || i == 16 || i == 20) {
				out[p++] = '-';
			}
			long word = i < 16 ? hi : lo;
			int shift = (15 - (i & 15)) * 4;
			out[p++] = HEX[(int) (word >>> shift) & 0xF];
		}
		return new String(out);
	}

}
