package dev.vetter.moderation;

/**
 * How a durable task's callbacks are written, chosen by the name stored with the task
 * (none stored: {@link #DEFAULT}). Implemented by the adapter of each wire API. The
 * default format's {@link #content(ModerationResult)} is also the document that
 * {@code GET /v1/tasks/{taskId}} answers.
 */
public interface CallbackFormat {

	/** The format of tasks stored without one: Green API 1.0's {@code data[i]}. */
	String DEFAULT = "green";

	/** The name stored with the task, e.g. {@code green2}. */
	String name();

	/**
	 * The callback {@code content} for the task's result as it stands (machine result;
	 * plus the human verdict once a human decided).
	 */
	String content(ModerationResult result);

	/**
	 * The callback {@code content} of an asynchronous job (video, voice, image): its
	 * result as the format's results API answers it (plus the human verdict once a human
	 * decided).
	 * @param job the job as stored now (its kind and progress)
	 */
	String jobContent(AsyncJob job, JobResult result);

}
