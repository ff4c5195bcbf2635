package dev.vetter.moderation;

import java.util.Map;

/**
 * How a durable task's callbacks are written when it was started through another wire API
 * than Green 1.0 (whose {@code data[i]} document is the default). Implemented by the
 * adapter of that API; chosen by the name stored with the task.
 */
public interface CallbackFormat {

	/** The name stored with the task, e.g. {@code green2}. */
	String name();

	/**
	 * The callback {@code content} for the task's result document as it stands (machine
	 * result; plus {@code auditResult} once a human decided).
	 */
	String content(TaskResult document);

	/**
	 * The callback {@code content} of an asynchronous job (video, voice, image): its
	 * result document as the Green 1.0 results API answers it ({@code code}, {@code msg},
	 * {@code dataId}, {@code taskId}, {@code results}, ...; plus {@code auditResult} once
	 * a human decided).
	 * @param job the job as stored now (its kind and progress)
	 */
	String jobContent(AsyncJob job, Map<String, Object> document);

}
