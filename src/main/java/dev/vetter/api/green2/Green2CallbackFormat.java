package dev.vetter.api.green2;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.vetter.api.green.TaskResult;
import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.CallbackFormat;
import dev.vetter.moderation.JobResult;
import dev.vetter.moderation.ModerationResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callbacks of tasks started through Green API 2.0. Delivery is the same signed form POST
 * as 1.0 ({@code checksum}, {@code content}); {@code content} is the 2.0 manual-callback
 * object {@code {Channel, Code, Msg, ReqId, Data}} whose {@code Data} is a JSON string
 * (spec section 4.4): the machine result ({@code Labels}, {@code Reason}) of an escalated
 * scan and, once people decided, {@code RiskLevel}, {@code Result[{Label, Description,
 * Confidence}]} and {@code AuditResult}. Asynchronous media jobs (video, voice, image)
 * use the same envelope; their {@code Data} is the 2.0 result of the matching results
 * action ({@code VideoModerationResult}, {@code VoiceModerationResult},
 * {@code DescribeImageModerationResult}), plus {@code AuditResult} (and the verdict's
 * {@code RiskLevel}) once people decided.
 */
@Component
class Green2CallbackFormat implements CallbackFormat {

	static final String NAME = "green2";

	private final JsonMapper json;

	Green2CallbackFormat(JsonMapper json) {
		this.json = json;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String content(ModerationResult result) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (result.filteredContent() != null) {
			// a machine text result (human-machine): what the machine found
			data.putAll(Green2Results.textData(result, json, true));
		}
		data.putAll(Green2Results.manualData(result));
		if (result.humanVerdict() == null) {
			data.put("RiskLevel",
					Green2Results.riskLevel(result.firstSuggestion() == null ? null : result.firstSuggestion().wire()));
		}
		TaskResult green = TaskResult.of(result);
		return envelope(result.humanVerdict() != null, green.code(), green.msg(), result.taskId(), data);
	}

	@Override
	public String jobContent(AsyncJob job, JobResult result) {
		Map<String, Object> data = Green2MediaResults.jobData(job, result);
		return envelope(result.humanVerdict() != null, 200, "OK", job.taskId(), data);
	}

	private String envelope(boolean decided, int code, String msg, String taskId, Map<String, Object> data) {
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("Channel", decided ? "manualReview" : "machineScan");
		content.put("Code", code);
		content.put("Msg", msg);
		content.put("ReqId", taskId);
		content.put("Data", json.writeValueAsString(data));
		return json.writeValueAsString(content);
	}

}
