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

	/**
	 * The wait for a media job: the first one of a JVM loads the speech model, and six
	 * builds may share two cores.
	 */
	public static final Duration MEDIA_JOB = Duration.ofMinutes(2);

	private Await() {
	}

	/** Polls {@code probe} until its value satisfies {@code done}; fails after 90 s. */
	public static <T> T until(Supplier<T> probe, Predicate<T> done, String what) {
		return until(probe, done, what, LIMIT);
	}

	/**
	 * As {@link #until(Supplier, Predicate, String)} with a longer wait: media jobs that
	 * may first load a model under a loaded machine.
	 */
	public static <T> T until(Supplier<T> probe, Predicate<T> done, String what, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
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

	/**
	 * Waits until the tenant has {@code n} review items pending (human-only media tasks
	 * are queued once their media is fetched, on a worker).
	 */
	public static void queued(int port, long tenantUid, long n) {
		until(() -> {
			for (tools.jackson.databind.JsonNode row : Api.operator(port).get("/v1/admin/review/queue").json()) {
				if (row.get("tenantUid").asLong() == tenantUid) {
					return row.get("pending").asLong();
				}
			}
			return 0L;
		}, pending -> pending >= n, n + " review items of tenant " + tenantUid);
	}

}
