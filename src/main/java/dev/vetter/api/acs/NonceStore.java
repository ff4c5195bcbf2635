package dev.vetter.api.acs;

import java.time.Instant;

/**
 * Remembers each {@code (AccessKeyId, x-acs-signature-nonce)} while its request's
 * {@code Date} is acceptable, so a replayed request is refused. {@code memory} (default,
 * per node) or {@code database} (shared by all nodes), chosen by
 * {@code vetter.green.nonce-store}.
 */
public interface NonceStore {

	public enum Outcome {

		FRESH, REPLAYED, FULL

	}

	/**
	 * Records the nonce.
	 * @param expires when the request's Date stops being acceptable
	 * @param now the current time
	 */
	Outcome register(String accessKeyId, String nonce, Instant expires, Instant now);

	/** Nonces currently remembered (for the log). */
	long size();

}
