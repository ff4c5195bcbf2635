package dev.vetter.tenancy.internal;

import java.security.SecureRandom;

/** Generated identifiers and secrets. */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private Secrets() {
	}

	public static String random(int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
		}
		return sb.toString();
	}

	/** A 16-digit account id, like Alibaba's main account ids. */
	public static long randomUid() {
		return 1_000_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000_000L;
	}

	public static String newAccessKeyId() {
		return "LTAI" + random(20);
	}

	public static String newAccessKeySecret() {
		return random(30);
	}

}
