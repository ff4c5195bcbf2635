package dev.vetter.moderation.internal;

import java.util.concurrent.ThreadLocalRandom;

import dev.vetter.platform.ContentKind;

/**
 * Task ids: the kind's prefix ({@link ContentKind#taskIdPrefix()}: {@code txt},
 * {@code img}, {@code vi}, {@code au}) followed by a time-ordered, random base-62 body,
 * e.g. {@code txt4Kd9...}. Unguessable enough to be harmless, and they are always looked
 * up within the caller's tenant anyway.
 */
public final class TaskIds {

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	private TaskIds() {
	}

	public static String next(ContentKind kind) {
		String prefix = kind.taskIdPrefix();
		StringBuilder sb = new StringBuilder(prefix.length() + 26).append(prefix);
		append(sb, System.currentTimeMillis(), 8);
		ThreadLocalRandom r = ThreadLocalRandom.current();
		append(sb, r.nextLong() & Long.MAX_VALUE, 11);
		append(sb, r.nextLong() & Long.MAX_VALUE, 7);
		return sb.toString();
	}

	private static void append(StringBuilder sb, long value, int digits) {
		char[] out = new char[digits];
		for (int i = digits - 1; i >= 0; i--) {
			out[i] = BASE62[(int) (value % 62)];
			value /= 62;
		}
		sb.append(out);
	}

}
