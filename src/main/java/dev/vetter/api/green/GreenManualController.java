package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.platform.ContentKind;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Human-only review (spec section 4.2):
 * {@code /green/{text|image|video|voice}/manual/asyncScan} queues every task for people;
 * {@code /green/{kind}/manual/scan/results} answers 280 until a human decided.
 */
@RestController
@Tag(name = "Green API 1.0 (Alibaba-compatible)")
class GreenManualController {

	private final HumanReview humanReview;

	private final JsonMapper mapper;

	private final ModerationProperties limits;

	GreenManualController(HumanReview humanReview, JsonMapper mapper, ModerationProperties limits) {
		this.humanReview = humanReview;
		this.mapper = mapper;
		this.limits = limits;
	}

	@PostMapping(
			path = { "/green/{kind:text|image|video|voice}/manual/asyncScan",
					"/green/{kind:text|image|video|voice}/manual/asyncscan" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Human-only review: queue tasks for people (Alibaba *AsyncManualScan)")
	Envelope submit(@PathVariable String kind, HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		humanReview.requireEnabled(call.tenantId());
		JsonNode root = GreenBody.object(mapper, call.body());
		String bizType = GreenBody.optionalString(root, "bizType");
		HumanReview.CallbackSpec callback = GreenBody.callback(root);
		JsonNode tasks = GreenBody.tasks(root, limits.maxTasks());
		List<HumanReview.ManualTask> manual = new ArrayList<>(tasks.size());
		for (JsonNode task : tasks) {
			if (!task.isObject()) {
				manual.add(new HumanReview.ManualTask(null, null, null));
				continue;
			}
			manual.add(new HumanReview.ManualTask(GreenBody.dataIdRaw(task), text(task, "content"), text(task, "url")));
		}
		return Envelope.ok(call.requestId(), TaskResult
			.of(humanReview.submitHumanOnly(call.tenantId(), ContentKind.parse(kind), bizType, manual, callback)));
	}

	@PostMapping(path = { "/green/{kind:text|image|video|voice}/manual/scan/results" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Human-only review results: 280 until a human decided, then the verdict with auditResult")
	Envelope results(@PathVariable String kind, HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		humanReview.requireEnabled(call.tenantId());
		List<String> taskIds = GreenBody.taskIds(mapper, call.body(), limits.maxTasks());
		List<TaskResult> data = TaskResult
			.of(humanReview.humanOnlyResults(call.tenantId(), ContentKind.parse(kind), taskIds));
		return Envelope.ok(call.requestId(), data);
	}

	private static String text(JsonNode task, String field) {
		JsonNode node = task.get(field);
		return node != null && node.isString() ? node.asString() : null;
	}

}
