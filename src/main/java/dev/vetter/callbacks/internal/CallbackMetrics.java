package dev.vetter.callbacks.internal;

import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.vetter.callbacks.CallbackStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of callback delivery: {@code vetter.callbacks.enqueued}, {@code .sent} (answered
 * 200), {@code .failed} (by outcome), {@code .retried}, {@code .exhausted},
 * {@code .latency} (one attempt) and {@code .delay} (enqueue to delivery).
 */
@Component
public class CallbackMetrics {

	private final MeterRegistry meters;

	private final Counter retried;

	private final Counter exhausted;

	private final Timer delay;

	CallbackMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.retried = Counter.builder("vetter.callbacks.retried")
			.description("failed attempts scheduled again")
			.register(meters);
		this.exhausted = Counter.builder("vetter.callbacks.exhausted")
			.description("deliveries out of attempts")
			.register(meters);
		this.delay = Timer.builder("vetter.callbacks.delay")
			.description("from enqueue to delivery")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	public void enqueued(CallbackStream stream, Deliveries.Kind kind) {
		meters.counter("vetter.callbacks.enqueued", "event", stream.wire(), "kind", kind.name().toLowerCase())
			.increment();
	}

	void attempted(Deliveries.Completion c) {
		String outcome = c.outcome().toLowerCase();
		Timer.builder("vetter.callbacks.latency")
			.description("one delivery attempt")
			.tag("outcome", outcome)
			.register(meters)
			.record(Duration.ofMillis(c.latencyMs()));
		if (c.outcome().equals("DELIVERED")) {
			meters.counter("vetter.callbacks.sent", "event", c.claimed().stream().wire()).increment();
			delay.record(Duration.between(c.claimed().roundStartedAt(), c.deliveredAt()));
			return;
		}
		meters.counter("vetter.callbacks.failed", "outcome", outcome).increment();
		switch (c.status()) {
			case PENDING -> retried.increment();
			case EXHAUSTED -> exhausted.increment();
			default -> {
			}
		}
	}

}
