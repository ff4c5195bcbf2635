package dev.vetter.moderation;

/**
 * What a job lookup or cancel answers for one task: its per-task status code ({@code 200}
 * with the {@link JobResult} once the machine result is there; {@code 280} while queued
 * or running, {@code 410} cancelled, {@code 404} unknown, {@code 409} finished (cancel),
 * {@code 594} expired, or a failed job's code) and a message. Each wire API maps it to
 * its own document.
 *
 * @param dataId the task's data id, or null (unknown task, or none given)
 * @param result the machine result (code 200 of a lookup), else null
 */
public record JobAnswer(String taskId, String dataId, int code, String message, JobResult result) {

	static JobAnswer of(int code, String message, String dataId, String taskId) {
		return new JobAnswer(taskId, dataId, code, message, null);
	}

	static JobAnswer done(JobResult result) {
		return new JobAnswer(result.taskId(), result.dataId(), 200, "OK", result);
	}

}
