package dev.vetter.callbacks;

import java.net.URI;
import java.util.regex.Pattern;

import dev.vetter.platform.InvalidInput;

/**
 * A per-request callback ({@code callback} + {@code seed} + {@code cryptType} of an async
 * or manual scan request), already validated. Get one from
 * {@link Callbacks#callbackTarget(String, String, String)} at request time so a bad URL
 * or seed is the client's error right away, not a failed delivery later.
 */
public record CallbackTarget(URI url, String seed, CryptType cryptType) {

	static final Pattern SEED = Pattern.compile("[A-Za-z0-9_]{1,64}");

	public CallbackTarget {
		if (url == null) {
			throw new InvalidInput("callback URL is missing");
		}
		if (seed == null || seed.isEmpty()) {
			throw new InvalidInput("seed is required when callback is set");
		}
		if (!SEED.matcher(seed).matches()) {
			throw new InvalidInput("seed must be 1-64 letters, digits or underscores");
		}
		if (cryptType == null) {
			cryptType = CryptType.SHA256;
		}
	}

	@Override
	public String toString() {
		return "CallbackTarget[" + url + ", " + cryptType + "]";
	}
}
