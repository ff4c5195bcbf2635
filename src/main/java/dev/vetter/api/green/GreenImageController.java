package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.ImageModeration;
import dev.vetter.moderation.JobRequest;
import dev.vetter.moderation.ImageScanner;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /green/image/scan}: synchronous image moderation, Green API 1.0 section
 * 1.3. Each task is answered on its own: a task whose URL cannot be fetched or whose
 * bytes are not an image gets its code (480, 589, 590, 592) and the others are scanned.
 */
@RestController
@Tag(name = "Green API 1.0 (Alibaba-compatible)")
class GreenImageController {

	private final ImageModeration moderation;

	private final JsonMapper mapper;

	private final ModerationProperties limits;

	private final AsyncJobs jobs;

	GreenImageController(ImageModeration moderation, AsyncJobs jobs, JsonMapper mapper, ModerationProperties limits) {
		this.moderation = moderation;
		this.jobs = jobs;
		this.mapper = mapper;
		this.limits = limits;
	}

	@PostMapping(path = "/green/image/scan", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Image moderation (synchronous), Alibaba ImageSyncScan")
	Envelope scan(HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		JsonNode root = GreenBody.object(mapper, call.body());
		String bizType = GreenBody.optionalString(root, "bizType");
		List<String> scenes = GreenBody.scenes(root, ImageScanner.SCENES);
		JsonNode tasks = GreenBody.tasks(root, limits.maxTasks());
		TaskResult[] data = new TaskResult[tasks.size()];
		List<ImageModeration.ImageTask> valid = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		for (int i = 0; i < tasks.size(); i++) {
			JsonNode task = tasks.get(i);
			Object parsed = parse(task);
			if (parsed instanceof TaskResult error) {
				data[i] = error;
			}
			else {
				valid.add((ImageModeration.ImageTask) parsed);
				slots.add(i);
			}
		}
		List<TaskResult> scanned = TaskResult.of(moderation.scanAll(call.tenantId(), bizType, valid, scenes));
		for (int k = 0; k < slots.size(); k++) {
			data[slots.get(k)] = scanned.get(k);
		}
		return Envelope.ok(call.requestId(), List.of(data));
	}

	@PostMapping(path = "/green/image/asyncscan", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Image moderation (asynchronous), Alibaba ImageAsyncScan")
	Envelope asyncScan(HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		JsonNode root = GreenBody.object(mapper, call.body());
		String bizType = GreenBody.optionalString(root, "bizType");
		List<String> scenes = GreenBody.scenes(root, ImageScanner.SCENES);
		JsonNode tasks = GreenBody.tasks(root, limits.maxTasks());
		var callback = GreenBody.callback(root);
		TaskResult[] data = new TaskResult[tasks.size()];
		List<JobRequest> valid = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		for (int i = 0; i < tasks.size(); i++) {
			Object parsed = parse(tasks.get(i));
			if (parsed instanceof TaskResult error) {
				data[i] = error;
			}
			else {
				ImageModeration.ImageTask task = (ImageModeration.ImageTask) parsed;
				valid.add(new JobRequest(ContentKind.IMAGE, bizType, task.dataId(), task.url(), null,
						ImageModeration.jobParams(mapper, scenes, task)));
				slots.add(i);
			}
		}
		List<TaskResult> submitted = valid.isEmpty() ? List.of()
				: TaskResult.of(jobs.submit(call.tenantId(), valid, callback.url() == null ? null : callback, null));
		for (int k = 0; k < slots.size(); k++) {
			data[slots.get(k)] = submitted.get(k);
		}
		return Envelope.ok(call.requestId(), List.of(data));
	}

	@PostMapping(path = "/green/image/results", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Results of asynchronous image tasks, Alibaba ImageAsyncScanResults")
	Envelope results(HttpServletRequest request) {
		GreenCall call = GreenCall.of(request);
		List<String> ids = GreenBody.taskIds(mapper, call.body(), limits.maxTasks());
		return Envelope.ok(call.requestId(),
				GreenJobDocuments.answers(jobs.results(call.tenantId(), ContentKind.IMAGE, ids), mapper));
	}

	/** An {@link ImageModeration.ImageTask}, or the task's error result. */
	static Object parse(JsonNode task) {
		if (!task.isObject()) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, "each task must be an object", null);
		}
		String dataId = GreenBody.dataId(task);
		String badDataId = GreenBody.checkDataId(task);
		if (badDataId != null) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, badDataId, null);
		}
		JsonNode url = task.get("url");
		if (url == null || !url.isString() || url.asString().isBlank()) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, "url is required and must be a string", dataId);
		}
		Integer interval;
		Integer maxFrames;
		try {
			interval = optionalInt(task, "interval");
			maxFrames = optionalInt(task, "maxFrames");
		}
		catch (IllegalArgumentException e) {
			return TaskResult.error(ProblemCode.VALIDATION_FAILED, e.getMessage(), dataId);
		}
		return new ImageModeration.ImageTask(url.asString(), dataId, interval, maxFrames);
	}

	private static Integer optionalInt(JsonNode task, String field) {
		JsonNode node = task.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
			throw new IllegalArgumentException(field + " must be a positive integer");
		}
		return node.asInt();
	}

}
