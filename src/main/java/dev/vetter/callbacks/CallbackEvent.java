package dev.vetter.callbacks;

import java.util.Locale;
import java.util.Set;

/**
 * One task's result to report by callback.
 *
 * @param stream machine result or human verdict
 * @param taskId the task the result belongs to
 * @param suggestion {@code pass}, {@code review} or {@code block}: matched against the
 * tenant's {@code suggestions} filter (per-request callbacks get every result)
 * @param content the task's result JSON exactly as the results API shows it; sent
 * verbatim as {@code content}
 * @param callback the request's own callback, overriding the tenant's settings for this
 * task; may be null
 */
public record CallbackEvent(CallbackStream stream, String taskId, String suggestion, String content,
		CallbackTarget callback) {

	static final Set<String> SUGGESTIONS = Set.of("pass", "review", "block");

	public CallbackEvent {
		if (stream == null || taskId == null || taskId.isBlank() || content == null) {
			throw new IllegalArgumentException("stream, taskId and content are required");
		}
		suggestion = suggestion == null ? null : suggestion.toLowerCase(Locale.ROOT);
		if (suggestion != null && !SUGGESTIONS.contains(suggestion)) {
			throw new IllegalArgumentException("suggestion must be pass, review or block");
		}
	}

	public static CallbackEvent machineScan(String taskId, String suggestion, String content) {
		return new CallbackEvent(CallbackStream.MACHINE_SCAN, taskId, suggestion, content, null);
	}

	public static CallbackEvent review(String taskId, String suggestion, String content) {
		return new CallbackEvent(CallbackStream.REVIEW, taskId, suggestion, content, null);
	}

	/** The same event, sent to the request's own callback instead of the tenant's. */
	public CallbackEvent to(CallbackTarget target) {
		return new CallbackEvent(stream, taskId, suggestion, content, target);
	}
}
