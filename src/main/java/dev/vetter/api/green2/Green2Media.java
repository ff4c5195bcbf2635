package dev.vetter.api.green2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.vetter.api.acs.AcsCall;
import dev.vetter.moderation.AsyncJob;
import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.JobAnswer;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.ImageModeration;
import dev.vetter.moderation.JobRequest;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.api.green.TaskResult;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The media actions of Green API 2.0 over the same services as 1.0:
 * {@code ImageModeration} on {@link ImageModeration} (synchronous), and
 * {@code ImageAsyncModeration} / {@code DescribeImageModerationResult},
 * {@code VideoModeration*} and {@code VoiceModeration*} on {@link AsyncJobs} — the same
 * jobs, escalation, retention and cancel guarantee as {@code /green/video|voice/*}; their
 * callbacks are written by {@link Green2CallbackFormat}.
 * <p>
 * The {@code Service} is the bizType (a tenant policy of that name applies, else the
 * default one) and chooses the image scenes ({@link #imageScenes}). Only URLs are read:
 * Vetter cannot read Alibaba OSS objects ({@code ossBucketName}/{@code ossObjectName}
 * alone: Code 400).
 */
@Component
class Green2Media {

	/** Image scenes of every image service but the two below. */
	static final List<String> BASELINE_SCENES = List.of("porn", "terrorism", "ad", "qrcode");

	/** Services that need a model Vetter does not have. */
	static final Set<String> UNSERVED_IMAGE_SERVICES = Set.of("generalOcr", "generalRecognition", "faceDetect",
			"faceDetect_pro", "aigcDetector", "aigcDetector_global", "riskDetection");

	/** The audio scene of video and voice jobs. */
	private static final List<String> AUDIO_SCENES = List.of("antispam");

	private final ImageModeration images;

	private final AsyncJobs jobs;

	private final JsonMapper json;

	private final ModerationProperties limits;

	Green2Media(ImageModeration images, AsyncJobs jobs, JsonMapper json, ModerationProperties limits) {
		this.images = images;
		this.jobs = jobs;
		this.json = json;
		this.limits = limits;
	}

	/**
	 * The scenes an image service runs: {@code advertisingCheck*} ad and QR codes,
	 * {@code tonalityImprove*} porn, ad and QR codes, any other (baselineCheck,
	 * baselineCheck_pro, postImageCheck, profilePhotoCheck, aigcCheck, liveStreamCheck,
	 * custom copies, ...) {@link #BASELINE_SCENES}.
	 */
	static List<String> imageScenes(String service) {
		if (UNSERVED_IMAGE_SERVICES.contains(service)) {
			throw new InvalidInput("Service " + service + " needs a model this Vetter does not have; "
					+ "use baselineCheck (porn, ad, QR codes, text in the image) — see docs/api.md");
		}
		if (service.startsWith("advertisingCheck")) {
			return List.of("ad", "qrcode");
		}
		if (service.startsWith("tonalityImprove")) {
			return List.of("porn", "ad", "qrcode");
		}
		return BASELINE_SCENES;
	}

	/**
	 * {@code ImageModeration}: the image scanned now; a failed fetch or decode is its
	 * Code.
	 */
	Map<String, Object> imageModeration(AcsCall call) {
		String service = Green2Params.service(call);
		List<String> scenes = imageScenes(service);
		JsonNode params = Green2Params.serviceParameters(call, json);
		String url = mediaUrl(params, "imageUrl");
		String dataId = Green2Params.dataId(params);
		ModerationResult scanned = images.scan(call.tenantId(), service,
				new ImageModeration.ImageTask(url, dataId, null, null), scenes, Green2CallbackFormat.NAME);
		TaskResult result = TaskResult.of(scanned);
		if (result.code() != 200) {
			return failed(call, result.code(), result.msg(), dataId, null);
		}
		return ok(call, Green2MediaResults.imageData(scanned.dataId(), scanned.checks()));
	}

	/** {@code ImageAsyncModeration}: a job; {@code Data {DataId?, ReqId}}. */
	Map<String, Object> imageAsyncModeration(AcsCall call) {
		String service = Green2Params.service(call);
		List<String> scenes = imageScenes(service);
		JsonNode params = Green2Params.serviceParameters(call, json);
		String url = mediaUrl(params, "imageUrl");
		ImageModeration.ImageTask task = new ImageModeration.ImageTask(url, Green2Params.dataId(params), null, null);
		TaskResult submitted = submit(call, new JobRequest(ContentKind.IMAGE, service, task.dataId(), url, null,
				ImageModeration.jobParams(json, scenes, task)), params);
		if (submitted.code() != 200) {
			return failed(call, submitted.code(), submitted.msg(), submitted.dataId(), null);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		putIfPresent(data, "DataId", submitted.dataId());
		data.put("ReqId", submitted.taskId());
		return ok(call, data);
	}

	/** {@code DescribeImageModerationResult}: by {@code ReqId}, a request parameter. */
	Map<String, Object> describeImageModerationResult(AcsCall call) {
		String reqId = call.parameter("ReqId");
		if (reqId == null || reqId.isEmpty() || reqId.length() > 128) {
			throw new InvalidInput("ReqId is required (at most 128 characters)");
		}
		return result(call, ContentKind.IMAGE, reqId);
	}

	/**
	 * {@code VideoModeration} / {@code VoiceModeration}: {@code ServiceParameters {url,
	 * dataId?, callback?, seed?, cryptType?}} → {@code Data {DataId?, TaskId}}. A video's
	 * frames run {@link #BASELINE_SCENES}, its audio track and a voice file the text
	 * engine.
	 */
	Map<String, Object> submit(AcsCall call, ContentKind kind) {
		String service = Green2Params.service(call);
		JsonNode params = Green2Params.serviceParameters(call, json);
		String lower = service.toLowerCase(java.util.Locale.ROOT);
		if (params.hasNonNull("liveId") || lower.startsWith("livestream") || lower.startsWith("live_stream")) {
			throw new InvalidInput("live streams are not supported: send a file url");
		}
		String url = mediaUrl(params, "url");
		ObjectNode jobParams = json.createObjectNode();
		if (kind == ContentKind.VIDEO) {
			jobParams.set("scenes", json.valueToTree(BASELINE_SCENES));
			jobParams.set("audioScenes", json.valueToTree(AUDIO_SCENES));
		}
		else {
			jobParams.set("scenes", json.valueToTree(AUDIO_SCENES));
		}
		TaskResult submitted = submit(call, new JobRequest(kind, service, Green2Params.dataId(params), url, null,
				json.writeValueAsString(jobParams)), params);
		if (submitted.code() != 200) {
			return failed(call, submitted.code(), submitted.msg(), submitted.dataId(), null);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		putIfPresent(data, "DataId", submitted.dataId());
		data.put("TaskId", submitted.taskId());
		return ok(call, data);
	}

	/**
	 * {@code VideoModerationResult} / {@code VoiceModerationResult}
	 * ({@code ServiceParameters {taskId}}): Code 280 while the job runs, then the 2.0
	 * result; a failed job's code, 410 cancelled, 404 unknown, 594 expired.
	 */
	Map<String, Object> result(AcsCall call, ContentKind kind) {
		return result(call, kind, Green2Params.taskId(Green2Params.serviceParameters(call, json)));
	}

	private Map<String, Object> result(AcsCall call, ContentKind kind, String taskId) {
		JobAnswer answer = jobs.result(call.tenantId(), kind, taskId);
		int code = answer.code();
		if (code != 200) {
			return failed(call, code, answer.message(), answer.dataId(), code == 404 ? null : taskId);
		}
		AsyncJob job = jobs.job(call.tenantId(), taskId).orElseThrow();
		return ok(call, Green2MediaResults.jobData(job, answer.result()));
	}

	/**
	 * {@code VideoModerationCancel} / {@code VoiceModerationCancel}: Code 200 (also when
	 * cancelled before), 404 unknown, 409 finished. A cancelled task never receives a
	 * human verdict.
	 */
	Map<String, Object> cancel(AcsCall call, ContentKind kind) {
		String taskId = Green2Params.taskId(Green2Params.serviceParameters(call, json));
		JobAnswer answer = jobs.cancel(call.tenantId(), kind, List.of(taskId)).get(0);
		return Green2Errors.body(call.requestId(), answer.code(), answer.message());
	}

	private TaskResult submit(AcsCall call, JobRequest request, JsonNode params) {
		return TaskResult
			.of(jobs.submit(call.tenantId(), List.of(request), Green2Params.callback(params), Green2CallbackFormat.NAME)
				.get(0));
	}

	/** The media URL; OSS-only input is refused (Vetter cannot read OSS). */
	private String mediaUrl(JsonNode params, String field) {
		String url = Green2Params.string(params, field);
		if (url == null || url.isBlank()) {
			if (params.hasNonNull("ossBucketName") || params.hasNonNull("ossObjectName")) {
				throw new InvalidInput("OssNotSupported: this Vetter cannot read Alibaba OSS objects "
						+ "(ossBucketName/ossObjectName); send the media as ServiceParameters." + field);
			}
			throw new InvalidInput("ServiceParameters." + field + " is required");
		}
		if (url.length() > limits.maxUrlLength()) {
			throw new InvalidInput(field + " is at most " + limits.maxUrlLength() + " characters");
		}
		return url;
	}

	private static Map<String, Object> failed(AcsCall call, int code, String msg, String dataId, String taskId) {
		Map<String, Object> body = Green2Errors.body(call.requestId(), code, msg);
		Map<String, Object> data = new LinkedHashMap<>();
		putIfPresent(data, "DataId", dataId);
		putIfPresent(data, "TaskId", taskId);
		if (!data.isEmpty()) {
			body.put("Data", data);
		}
		return body;
	}

	private static Map<String, Object> ok(AcsCall call, Map<String, Object> data) {
		Map<String, Object> body = Green2Errors.body(call.requestId(), 200, "OK");
		body.put("Data", data);
		return body;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
