package dev.vetter.callbacks.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.vetter.callbacks.RetryPolicy;

/**
 * Settings of callback delivery ({@code vetter.callbacks.*}). Sized for a 2-core node:
 * sending is I/O, so the pool is larger than the core count, and one host never takes
 * more than {@code perHost} of it.
 *
 * @param worker the background worker
 * @param http the outbound HTTP client
 * @param retry retry policies of per-request callbacks and of tenant notifications
 */
@ConfigurationProperties("vetter.callbacks")
public record CallbacksProperties(@DefaultValue Worker worker, @DefaultValue Http http, @DefaultValue Retry retry) {

	/**
	 * @param enabled run the background worker on this node (tests switch it off and call
	 * {@code DeliveryWorker.deliverDue()} themselves)
	 * @param pollInterval how often an idle worker looks for due rows (enqueues on this
	 * node wake it at once)
	 * @param concurrency deliveries in flight at once on this node
	 * @param perHost deliveries in flight at once to one host:port
	 * @param batchSize rows claimed per query at most
	 * @param lease how long a claimed row stays with its worker; a dead worker's rows
	 * come back after it. Must exceed {@code http.attemptTimeout} with room to spare
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("16") int concurrency, @DefaultValue("8") int perHost, @DefaultValue("64") int batchSize,
			@DefaultValue("60s") Duration lease) {
	}

	/**
	 * @param connectTimeout TCP (and TLS) connect timeout per address
	 * @param readTimeout wait for the status line
	 * @param attemptTimeout hard limit of one attempt, redirects included; the socket is
	 * closed after it
	 * @param followRedirects follow up to 3 redirects (each target checked again); off: a
	 * 3xx is a failure
	 * @param maxContent largest {@code content} accepted from producers
	 */
	public record Http(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
			@DefaultValue("10s") Duration attemptTimeout, @DefaultValue("false") boolean followRedirects,
			@DefaultValue("4MB") DataSize maxContent) {
	}

	/**
	 * @param requestMaxAttempts attempts of a per-request callback (Alibaba: 16)
	 * @param tenantMaxAttempts attempts of a tenant notification; 0: bounded by
	 * {@code tenantMaxAge} only
	 * @param tenantMaxAge how long tenant notifications are retried
	 * @param initialDelay delay after the first failure, doubled ({@code multiplier})
	 * after each further one
	 * @param maxDelay cap of one delay
	 * @param jitter fraction of each delay drawn at random, so a recovered receiver is
	 * not hit by a wave
	 */
	public record Retry(@DefaultValue("16") int requestMaxAttempts, @DefaultValue("0") int tenantMaxAttempts,
			@DefaultValue("24h") Duration tenantMaxAge, @DefaultValue("1s") Duration initialDelay,
			@DefaultValue("2") double multiplier, @DefaultValue("30m") Duration maxDelay,
			@DefaultValue("0.2") double jitter) {

		public RetryPolicy requestPolicy() {
			return new RetryPolicy(requestMaxAttempts, null, initialDelay, multiplier, maxDelay, jitter);
		}

		public RetryPolicy tenantPolicy() {
			return new RetryPolicy(tenantMaxAttempts, tenantMaxAge.isZero() ? null : tenantMaxAge, initialDelay,
					multiplier, maxDelay, jitter);
		}
	}
}
