package dev.vetter.callbacks;

import java.util.Locale;

import dev.vetter.platform.InvalidInput;

/** The digest of callback checksums, as Alibaba names it. */
public enum CryptType {

	SHA256, SM3;

	/**
	 * Parses the request value; {@code null} or blank means the default, {@code SHA256}.
	 */
	public static CryptType of(String value) {
		if (value == null || value.isBlank()) {
			return SHA256;
		}
		return switch (value.trim().toUpperCase(Locale.ROOT)) {
			case "SHA256", "SHA-256" -> SHA256;
			case "SM3" -> SM3;
			default -> throw new InvalidInput("cryptType must be SHA256 or SM3");
		};
	}

}
