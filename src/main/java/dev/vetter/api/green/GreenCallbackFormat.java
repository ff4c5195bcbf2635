package dev.vetter.api.green;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.CallbackFormat;
import dev.vetter.moderation.JobAnswer;
import dev.vetter.moderation.JobDocuments;
import dev.vetter.moderation.JobResult;
import dev.vetter.moderation.ModerationResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callbacks of tasks started through Green API 1.0 (and the native API): {@code content}
 * is the task's {@code data[i]} document ({@link TaskResult}); an asynchronous job's is
 * its results document ({@link GreenJobDocuments}). Also the {@link JobDocuments} of the
 * native job resource's {@code result}.
 */
@Component
class GreenCallbackFormat implements CallbackFormat, JobDocuments {

	private final JsonMapper json;

	GreenCallbackFormat(JsonMapper json) {
		this.json = json;
	}

	@Override
	public String name() {
		return DEFAULT;
	}

	@Override
	public String content(ModerationResult result) {
		return json.writeValueAsString(TaskResult.of(result));
	}

	@Override
	public String jobContent(AsyncJob job, JobResult result) {
		return json.writeValueAsString(GreenJobDocuments.callback(result, json));
	}

	@Override
	public Map<String, Object> document(JobAnswer answer) {
		return GreenJobDocuments.answer(answer, json);
	}

}
