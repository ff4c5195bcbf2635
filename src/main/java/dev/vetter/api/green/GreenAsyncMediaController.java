package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.JobRequest;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asynchronous video and audio moderation (Green API 1.0 sections 1.4 and 1.5):
 * {@code /green/{video|voice}/asyncscan} queues jobs, {@code .../results} answers 280
 * until the machine result is there, {@code .../cancelscan} cancels per task (files too,
 * not only live streams). {@code /green/video/feedback} is answered by the feedback
 * adapter.
 */
@RestController
@Tag(name = "Green API 1.0 (Alibaba-compatible)")
class GreenAsyncMediaController {

	/** request fields passed to the kind's handler as its parameters */
	private static final List<String> ROOT_PARAMS = List.of("audioScenes", "interval", "maxFrames", "live", "offline");

	private static final List<String> TASK_PARAMS = List.of("frames", "framePrefix", "interval", "maxFrames");

	private final AsyncJobs jobs;

	private final JsonMapper mapper;

	private final ModerationProperties limits;

	GreenAsyncMediaController(AsyncJobs jobs, JsonMapper mapper, ModerationProperties limits) {
		this.jobs = jobs;
		this.mapper = mapper;
		this.limits = limits;
	}

	@PostMapping(path = { "/green/{kind:video|voice}/asyncscan", "/green/{kind:video|voice}/asyncScan" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Video / audio moderation (asynchronous), Alibaba VideoAsyncScan / VoiceAsyncScan")
	Envelope submit(@PathVariable String kind, HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		ContentKind contentKind = ContentKind.parse(kind);
		JsonNode root = GreenBody.object(mapper, call.body());
		String bizType = GreenBody.optionalString(root, "bizType");
		List<String> scenes = GreenBody.scenes(root, jobs.scenes(contentKind));
		HumanReview.CallbackSpec callback = GreenBody.callback(root);
		JsonNode tasks = GreenBody.tasks(root, limits.maxTasks());
		List<JobRequest> requests = new ArrayList<>(tasks.size());
		List<TaskResult> early = new ArrayList<>(tasks.size());
		for (JsonNode task : tasks) {
			String problem = !task.isObject() ? "each task is an object" : GreenBody.checkDataId(task);
			String url = task.isObject() && task.path("url").isString() ? task.get("url").asString() : null;
			if (problem == null && url != null && url.length() > limits.maxUrlLength()) {
				problem = "url is longer than " + limits.maxUrlLength() + " characters";
			}
			if (problem != null) {
				early.add(TaskResult.error(ProblemCode.VALIDATION_FAILED, problem,
						task.isObject() ? GreenBody.dataIdRaw(task) : null));
				requests.add(null);
				continue;
			}
			ObjectNode params = mapper.createObjectNode();
			params.set("scenes", mapper.valueToTree(scenes));
			for (String field : ROOT_PARAMS) {
				if (root.has(field)) {
					params.set(field, root.get(field));
				}
			}
			for (String field : TASK_PARAMS) {
				if (task.has(field)) {
					params.set(field, task.get(field));
				}
			}
			requests.add(new JobRequest(contentKind, bizType, GreenBody.dataIdRaw(task), url, null,
					mapper.writeValueAsString(params)));
			early.add(null);
		}
		List<TaskResult> submitted = TaskResult.of(jobs.submit(call.tenantId(),
				requests.stream().filter(java.util.Objects::nonNull).toList(), callback, null));
		List<TaskResult> data = new ArrayList<>(tasks.size());
		int next = 0;
		for (TaskResult e : early) {
			data.add(e != null ? e : submitted.get(next++));
		}
		return Envelope.ok(call.requestId(), data);
	}

	@PostMapping(path = "/green/{kind:video|voice}/results", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Video / audio results: 280 until the machine result, then 200; 594 past retention")
	Envelope results(@PathVariable String kind, HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		List<String> taskIds = GreenBody.taskIds(mapper, call.body(), limits.maxTasks());
		List<Map<String, Object>> data = GreenJobDocuments
			.answers(jobs.results(call.tenantId(), ContentKind.parse(kind), taskIds), mapper);
		return Envelope.ok(call.requestId(), data);
	}

	@PostMapping(path = { "/green/{kind:video|voice}/cancelscan", "/green/{kind:video|voice}/cancelScan" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Cancel video / audio tasks: per task 200, 404 unknown, 409 finished; "
			+ "a cancelled task never receives a human verdict")
	Envelope cancel(@PathVariable String kind, HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		List<String> taskIds = GreenBody.taskIds(mapper, call.body(), limits.maxTasks());
		return Envelope.ok(call.requestId(),
				GreenJobDocuments.answers(jobs.cancel(call.tenantId(), ContentKind.parse(kind), taskIds), mapper));
	}

}
