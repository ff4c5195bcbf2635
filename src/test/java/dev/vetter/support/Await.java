package dev.vetter.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for background work by polling a condition (never by sleeping a fixed time). */
public final class Await {

	/**
	 * Only a guard against a hang: media jobs load their models (speech, NSFW, OCR) on
	 * first use, which takes tens of seconds on a loaded build machine.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(90);

	private Await() {
	}

	/** Polls {@code probe} until its value satisfies {@code done}; fails after 90 s. */
	public static <T> T until(Supplier<T> probe, Predicate<T> done, String what) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (done.test(value)) {
				return value;
			}
			LockSupport.parkNanos(20_000_000L);
		}
		throw new AssertionError("timed out waiting for " + what);
	}

	/** The stored task once a human verdict ({@code auditResult}) is on it. */
	public static tools.jackson.databind.JsonNode audited(Api tenant, String taskId) {
		return until(() -> tenant.get("/v1/tasks/" + taskId).json(), t -> t.get("auditResult") != null,
				"a human verdict on task " + taskId);
	}

}
