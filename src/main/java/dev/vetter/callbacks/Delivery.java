package dev.vetter.callbacks;

import java.time.Instant;
import java.util.List;

/**
 * One callback delivery as its tenant sees it.
 *
 * @param id stable across retries, sent as {@code X-Vetter-Delivery-Id}
 * @param event the stream, sent as {@code X-Vetter-Event}
 * @param perRequest true for a request's own callback, false for the tenant's
 * notification settings
 * @param attempts attempts made so far (all rounds)
 * @param nextAttemptAt when it is tried next (pending only)
 * @param lastStatus HTTP status of the last answer, if any
 * @param lastError why the last attempt failed
 * @param history the attempts, oldest first; empty in lists
 */
public record Delivery(DeliveryId id, String taskId, CallbackStream event, String suggestion, boolean perRequest,
		String url, CryptType cryptType, DeliveryStatus status, int attempts, Instant createdAt, Instant nextAttemptAt,
		Instant deliveredAt, Integer lastStatus, String lastError, List<Attempt> history) {

	/**
	 * @param outcome DELIVERED, FAILED (an answer other than 200), TIMEOUT,
	 * CONNECTION_FAILED, REFUSED (target not allowed) or ABANDONED (the worker's lease
	 * ran out before it reported)
	 */
	public record Attempt(int attempt, Instant startedAt, Integer latencyMs, Integer httpStatus, String outcome,
			String error, String url) {
	}
}
