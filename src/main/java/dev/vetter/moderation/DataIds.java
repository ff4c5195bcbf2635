package dev.vetter.moderation;

import java.util.regex.Pattern;

/**
 * The client's {@code dataId}: at most 128 characters of letters, digits, {@code _ . -}
 * (Green's rule).
 */
public final class DataIds {

	public static final String RULE = "dataId must be at most 128 characters of letters, digits, _ . -";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

	private DataIds() {
	}

	/** True for null (absent) and for well-formed ids. */
	public static boolean isValid(String dataId) {
		return dataId == null || VALID.matcher(dataId).matches();
	}

}
