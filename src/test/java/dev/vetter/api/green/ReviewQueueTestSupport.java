package dev.vetter.api.green;

import java.time.Duration;

import dev.vetter.support.Api;

import tools.jackson.databind.JsonNode;

final class ReviewQueueTestSupport {

	private ReviewQueueTestSupport() {
	}

	static JsonNode awaitAudit(Api tenant, String taskId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode task = tenant.get("/v1/tasks/" + taskId).json();
			if (task.get("auditResult") != null) {
				return task;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
		}
		throw new AssertionError("task " + taskId + " got no human verdict in time");
	}
}
