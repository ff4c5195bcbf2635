package dev.vetter.moderation;

import java.time.Instant;

import dev.vetter.platform.ContentKind;

/**
 * One asynchronous job as stored: the request, where it stands, and how it ended.
 *
 * @param params the kind's parameters as JSON
 * @param attempts how many times a worker started it (a crash or restart starts it again)
 * @param failureCode the per-task code of a {@link JobState#FAILED} job
 */
public record AsyncJob(String taskId, long tenantId, ContentKind kind, String bizType, String dataId, String url,
		String blobKey, String params, JobState state, int attempts, JobProgress progress, String suggestion,
		Integer failureCode, String failureMessage, Instant createdAt, Instant startedAt, Instant finishedAt) {

}
