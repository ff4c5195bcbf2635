package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.vetter.moderation.internal.Jobs;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous image tasks ({@code /green/image/asyncscan}) on the generic job machinery:
 * the same fetch, decode and {@link ImageScanner} analysis as the synchronous scan, run
 * on a worker. Parameters: {@code {"scenes":[...], "interval":n, "maxFrames":n}}. A task
 * whose image cannot be fetched or decoded fails with its code (480, 589, 590, 592, 586).
 * The fetched image stays with the job, so an escalated job's reviewers see it.
 */
@Component
class ImageJobHandler implements JobHandler {

	private final ImageModeration images;

	private final MediaFetcher fetcher;

	private final Jobs jobs;

	private final JsonMapper json;

	ImageJobHandler(ImageModeration images, MediaFetcher fetcher, Jobs jobs, JsonMapper json) {
		this.images = images;
		this.fetcher = fetcher;
		this.jobs = jobs;
		this.json = json;
	}

	/** The parameters of an image job as JSON. */
	static String params(JsonMapper json, List<String> scenes, Integer interval, Integer maxFrames) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("scenes", scenes);
		if (interval != null) {
			p.put("interval", interval);
		}
		if (maxFrames != null) {
			p.put("maxFrames", maxFrames);
		}
		return json.writeValueAsString(p);
	}

	@Override
	public ContentKind kind() {
		return ContentKind.IMAGE;
	}

	@Override
	public void validate(JobRequest request) {
		if (request.url() == null || request.url().isBlank()) {
			throw new InvalidInput("url is required");
		}
		scenes(read(request.params()));
	}

	@Override
	public JobOutcome run(JobContext context) {
		AsyncJob job = context.job();
		JsonNode params = read(job.params());
		List<String> scenes = scenes(params);
		ImageModeration.ImageTask task = new ImageModeration.ImageTask(job.url(), job.dataId(),
				optionalInt(params, "interval"), optionalInt(params, "maxFrames"));
		String problem = images.check(task);
		if (problem != null) {
			throw new JobFailed(ProblemCode.VALIDATION_FAILED.greenCode(), problem);
		}
		context.checkCancelled();
		// the job owns its image (kept for reviewers, deleted with the job)
		BlobKey blob = MediaJobSupport.media(job, fetcher, jobs, MediaKind.IMAGE);
		ImageModeration.Scanned scanned = images.scanStored(job.tenantId(), job.bizType(), task, scenes, job.taskId(),
				blob);
		ModerationResult result = scanned.result();
		if (!scanned.ok()) {
			throw new JobFailed(result.failure().code(), result.failure().message());
		}
		return new JobOutcome(JobResult.image(job, result), scanned.summary(),
				ImageResults.reviewSnapshot(job.url(), scanned.frames()));
	}

	private JsonNode read(String params) {
		try {
			return json.readTree(params);
		}
		catch (JacksonException e) {
			throw new InvalidInput("image job parameters are not JSON");
		}
	}

	private static List<String> scenes(JsonNode params) {
		JsonNode node = params.get("scenes");
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw new InvalidInput("scenes must be a non-empty array");
		}
		List<String> scenes = new ArrayList<>();
		for (JsonNode s : node) {
			if (!s.isString() || !ImageScanner.SCENES.contains(s.asString())) {
				throw new InvalidInput("unsupported image scene " + s);
			}
			scenes.add(s.asString());
		}
		return scenes;
	}

	private static Integer optionalInt(JsonNode params, String field) {
		JsonNode n = params.get(field);
		return n == null || !n.isIntegralNumber() ? null : n.asInt();
	}

}
