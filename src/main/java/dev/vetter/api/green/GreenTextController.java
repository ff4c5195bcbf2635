package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.TextModeration;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.platform.ProblemCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /green/text/scan}: synchronous text moderation, Green API 1.0 section 1.2.
 */
@RestController
@Tag(name = "Green API 1.0 (Alibaba-compatible)")
class GreenTextController {

	static final Set<String> SCENES = Set.of("antispam", "keyword");

	private final TextModeration moderation;

	private final JsonMapper mapper;

	private final ModerationProperties limits;

	GreenTextController(TextModeration moderation, JsonMapper mapper, ModerationProperties limits) {
		this.moderation = moderation;
		this.mapper = mapper;
		this.limits = limits;
	}

	@PostMapping(path = "/green/text/scan", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Text moderation (synchronous), Alibaba TextScan")
	Envelope scan(HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		JsonNode root = GreenBody.object(mapper, call.body());
		String bizType = GreenBody.optionalString(root, "bizType");
		List<String> scenes = GreenBody.scenes(root, SCENES);
		JsonNode tasks = GreenBody.tasks(root, limits.maxTasks());
		List<TaskResult> data = new ArrayList<>(tasks.size());
		for (JsonNode task : tasks) {
			data.add(scanTask(call.tenantId(), bizType, scenes, task));
		}
		return Envelope.ok(call.requestId(), data);
	}

	private TaskResult scanTask(long tenantId, String bizType, List<String> scenes, JsonNode task) {
		if (!task.isObject()) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, "each task must be an object", null);
		}
		String dataId = GreenBody.dataId(task);
		String badDataId = GreenBody.checkDataId(task);
		if (badDataId != null) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, badDataId, null);
		}
		JsonNode content = task.get("content");
		if (content == null || !content.isString()) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, "content is required and must be a string", dataId);
		}
		String text = content.asString();
		if (text.length() > limits.maxTextLength()) {
			return TaskResult.error(ProblemCode.TOO_LARGE,
					"content is at most " + limits.maxTextLength() + " characters", dataId);
		}
		return TaskResult
			.of(ModerationResult.ofText(moderation.scan(tenantId, bizType, text, dataId, scenes), dataId, scenes));
	}

}
