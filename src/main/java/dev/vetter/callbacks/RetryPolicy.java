package dev.vetter.callbacks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with jitter, bounded by a
 * number of attempts and/or an age. Every failure is retried (Alibaba retries anything
 * but HTTP 200); the policy only decides when, and when to stop.
 *
 * @param maxAttempts attempts in one round (first try included); 0 for no limit
 * @param maxAge how long after the round started to keep trying; {@code null} for no
 * limit
 * @param initialDelay delay after the first failure
 * @param multiplier growth per further failure
 * @param maxDelay cap of one delay
 * @param jitter fraction of the delay drawn at random, 0..1 ({@code 0.2}: delay × [0.8,
 * 1.0])
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration initialDelay, double multiplier, Duration maxDelay,
		double jitter) {

	public RetryPolicy {
		if (maxAttempts < 0 || multiplier < 1 || jitter < 0 || jitter > 1 || initialDelay.isNegative()
				|| maxDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException("invalid retry policy");
		}
		if (maxAttempts == 0 && maxAge == null) {
			throw new IllegalArgumentException("a retry policy needs maxAttempts or maxAge");
		}
	}

	/** Alibaba's per-request callback: up to 16 attempts. */
	public static RetryPolicy perRequest() {
		return new RetryPolicy(16, null, Duration.ofSeconds(1), 2, Duration.ofMinutes(30), 0.2);
	}

	/** Tenant notifications: keep trying for 24 hours. */
	public static RetryPolicy tenantDefault() {
		return new RetryPolicy(0, Duration.ofHours(24), Duration.ofSeconds(1), 2, Duration.ofMinutes(30), 0.2);
	}

	/**
	 * The delay after the {@code failures}-th failure of a round (1-based), before
	 * jitter.
	 */
	public Duration backoff(int failures) {
		double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
		return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
	}

	/**
	 * The time of the next attempt after the {@code failures}-th failure of a round that
	 * started at {@code roundStart}, or empty when the delivery is exhausted.
	 * @param notBefore a lower bound the receiver asked for ({@code Retry-After}); may be
	 * null
	 */
	public Optional<Instant> next(int failures, Instant roundStart, Instant now, Duration notBefore,
			RandomGenerator random) {
		if (maxAttempts > 0 && failures >= maxAttempts) {
			return Optional.empty();
		}
		Duration delay = backoff(failures);
		long jitterMillis = (long) (delay.toMillis() * jitter * random.nextDouble());
		delay = delay.minusMillis(jitterMillis);
		if (notBefore != null && notBefore.compareTo(delay) > 0) {
			delay = notBefore.compareTo(maxDelay) > 0 ? maxDelay : notBefore;
		}
		Instant next = now.plus(delay);
		if (maxAge != null && next.isAfter(roundStart.plus(maxAge))) {
			return Optional.empty();
		}
		return Optional.of(next);
	}
}
