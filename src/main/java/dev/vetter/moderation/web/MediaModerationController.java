package dev.vetter.moderation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.DataIds;
import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ImageModeration;
import dev.vetter.moderation.ImageScanner;
import dev.vetter.moderation.JobRequest;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaKind;
import dev.vetter.platform.media.MediaUploads;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.platform.net.TargetRefused;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Native image, video and voice moderation. Each takes JSON with the media's {@code url}
 * or a {@code multipart/form-data} upload (part {@code file}, the other fields as form
 * fields). Images are answered at once with the native document; video and voice become
 * asynchronous jobs (202), followed at {@code /v1/jobs/{taskId}}.
 */
@RestController
@Tag(name = "Media moderation")
class MediaModerationController {

	/** Scenes used when a request names none. */
	static final List<String> DEFAULT_SCENES = List.of("porn", "terrorism", "ad", "qrcode");

	record ImageScan(String url, String bizType, String dataId, List<String> scenes, Integer interval,
			Integer maxFrames) {
	}

	record VideoScan(String url, String bizType, String dataId, List<String> scenes, List<String> audioScenes,
			Integer interval, Integer maxFrames, String callback, String seed, String cryptType) {
	}

	record VoiceScan(String url, String bizType, String dataId, String callback, String seed, String cryptType) {
	}

	/** Links of an accepted job. */
	record JobLinks(String job, String cancel) {
	}

	/** An accepted asynchronous task. */
	record Accepted(String taskId, String dataId, String state, JobLinks links) {
	}

	private final ImageModeration images;

	private final AsyncJobs jobs;

	private final MediaUploads uploads;

	private final BlobStore blobs;

	private final TargetGuard targetGuard;

	private final ModerationProperties limits;

	private final JsonMapper json;

	MediaModerationController(ImageModeration images, AsyncJobs jobs, MediaUploads uploads, BlobStore blobs,
			TargetGuard targetGuard, ModerationProperties limits, JsonMapper json) {
		this.images = images;
		this.jobs = jobs;
		this.uploads = uploads;
		this.blobs = blobs;
		this.targetGuard = targetGuard;
		this.limits = limits;
		this.json = json;
	}

	// ---- images (synchronous)

	@PostMapping(path = "/v1/image/moderations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Moderate one image synchronously (by URL)")
	@ApiResponse(responseCode = "200", description = "the native verdict")
	@ApiResponse(responseCode = "400",
			description = "validation-failed: a field names the problem "
					+ "(url missing, not http(s), a private or metadata address; unknown scene)")
	@ApiResponse(responseCode = "413", description = "too-large: image over the size cap or too many pixels")
	@ApiResponse(responseCode = "422",
			description = "media-unavailable (download failed), media-timeout, bad-media (not an image or corrupt)")
	@ApiResponse(responseCode = "503", description = "analysis-failed: a detector is busy or failing")
	NativeDocuments.MediaDocument image(Caller caller, @RequestBody ImageScan body) {
		String url = checkUrl(body.url());
		ImageModeration.ImageTask task = imageTask(url, body.dataId(), body.interval(), body.maxFrames());
		ModerationResult result = images.scan(caller.tenant(), body.bizType(), task, imageScenes(body.scenes()));
		return imageDocument(result);
	}

	@PostMapping(path = "/v1/image/moderations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Moderate one uploaded image synchronously (multipart: file, and the JSON form's fields)")
	NativeDocuments.MediaDocument imageUpload(Caller caller, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String bizType, @RequestParam(required = false) String dataId,
			@RequestParam(required = false) List<String> scenes, @RequestParam(required = false) Integer interval,
			@RequestParam(required = false) Integer maxFrames) {
		ImageModeration.ImageTask task = imageTask(null, dataId, interval, maxFrames);
		List<String> checked = imageScenes(scenes);
		FetchedMedia media = store(file, MediaKind.IMAGE);
		return imageDocument(images.scanUpload(caller.tenant(), bizType, task, checked, media));
	}

	private ImageModeration.ImageTask imageTask(String url, String dataId, Integer interval, Integer maxFrames) {
		checkDataId(dataId);
		if (interval != null && interval < 1) {
			throw new InvalidInput("interval: must be at least 1");
		}
		if (maxFrames != null && (maxFrames < 1 || maxFrames > 100)) {
			throw new InvalidInput("maxFrames: must be from 1 to 100");
		}
		return new ImageModeration.ImageTask(url, dataId, interval, maxFrames);
	}

	private NativeDocuments.MediaDocument imageDocument(ModerationResult result) {
		if (!result.ok()) {
			throw new VetterException(result.failure().problem(), result.failure().message());
		}
		return NativeDocuments.media(ContentKind.IMAGE, result);
	}

	private static List<String> imageScenes(List<String> scenes) {
		return scenes(scenes, ImageScanner.SCENES, "scenes", DEFAULT_SCENES);
	}

	// ---- video and voice (asynchronous)

	@PostMapping(path = "/v1/video/moderations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Moderate a video asynchronously (by URL); follow it at /v1/jobs/{taskId}")
	@ApiResponse(responseCode = "202", description = "queued: taskId, dataId, state, links")
	@ApiResponse(responseCode = "400",
			description = "validation-failed: a field names the problem "
					+ "(url; interval 1-600; maxFrames 5-3600; scenes; audioScenes; callback)")
	@ApiResponse(responseCode = "413", description = "too-large: an upload over the video size cap")
	@ApiResponse(responseCode = "422", description = "bad-media: an upload that is not a video")
	Accepted video(Caller caller, @RequestBody VideoScan body) {
		String url = checkUrl(body.url());
		return submit(caller, ContentKind.VIDEO, body.bizType(), body.dataId(), url, null,
				videoParams(body.scenes(), body.audioScenes(), body.interval(), body.maxFrames()),
				callback(body.callback(), body.seed(), body.cryptType()));
	}

	@PostMapping(path = "/v1/video/moderations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Moderate an uploaded video asynchronously (multipart: file, and the JSON form's fields)")
	Accepted videoUpload(Caller caller, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String bizType, @RequestParam(required = false) String dataId,
			@RequestParam(required = false) List<String> scenes,
			@RequestParam(required = false) List<String> audioScenes, @RequestParam(required = false) Integer interval,
			@RequestParam(required = false) Integer maxFrames, @RequestParam(required = false) String callback,
			@RequestParam(required = false) String seed, @RequestParam(required = false) String cryptType) {
		String params = videoParams(scenes, audioScenes, interval, maxFrames);
		HumanReview.CallbackSpec spec = callback(callback, seed, cryptType);
		checkDataId(dataId);
		FetchedMedia media = store(file, MediaKind.VIDEO);
		return submit(caller, ContentKind.VIDEO, bizType, dataId, null, media, params, spec);
	}

	@PostMapping(path = "/v1/voice/moderations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Moderate speech asynchronously (by URL); follow it at /v1/jobs/{taskId}")
	@ApiResponse(responseCode = "202", description = "queued: taskId, dataId, state, links")
	@ApiResponse(responseCode = "400", description = "validation-failed: a field names the problem (url; callback)")
	@ApiResponse(responseCode = "413", description = "too-large: an upload over the audio size cap")
	@ApiResponse(responseCode = "422", description = "bad-media: an upload that is not audio")
	Accepted voice(Caller caller, @RequestBody VoiceScan body) {
		String url = checkUrl(body.url());
		return submit(caller, ContentKind.VOICE, body.bizType(), body.dataId(), url, null, voiceParams(),
				callback(body.callback(), body.seed(), body.cryptType()));
	}

	@PostMapping(path = "/v1/voice/moderations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Moderate uploaded speech asynchronously (multipart: file, and the JSON form's fields)")
	Accepted voiceUpload(Caller caller, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String bizType, @RequestParam(required = false) String dataId,
			@RequestParam(required = false) String callback, @RequestParam(required = false) String seed,
			@RequestParam(required = false) String cryptType) {
		HumanReview.CallbackSpec spec = callback(callback, seed, cryptType);
		checkDataId(dataId);
		FetchedMedia media = store(file, MediaKind.AUDIO);
		return submit(caller, ContentKind.VOICE, bizType, dataId, null, media, voiceParams(), spec);
	}

	private Accepted submit(Caller caller, ContentKind kind, String bizType, String dataId, String url,
			FetchedMedia upload, String params, HumanReview.CallbackSpec callback) {
		checkDataId(dataId);
		ModerationResult result;
		try {
			result = jobs
				.submit(caller.tenant(),
						List.of(new JobRequest(kind, bizType, dataId, url,
								upload == null ? null : upload.blob().value(), params)),
						callback, null)
				.get(0);
		}
		catch (RuntimeException e) {
			deleteUpload(upload);
			throw e;
		}
		if (!result.ok()) {
			deleteUpload(upload);
			throw new VetterException(result.failure().problem(), result.failure().message());
		}
		String taskId = result.taskId();
		return new Accepted(taskId, dataId, "QUEUED",
				new JobLinks("/v1/jobs/" + taskId, "/v1/jobs/" + taskId + "/cancel"));
	}

	private void deleteUpload(FetchedMedia upload) {
		if (upload != null) {
			blobs.delete(upload.blob());
		}
	}

	private String videoParams(List<String> scenes, List<String> audioScenes, Integer interval, Integer maxFrames) {
		ObjectNode params = json.createObjectNode();
		params.set("scenes",
				json.valueToTree(scenes(scenes, jobs.scenes(ContentKind.VIDEO), "scenes", DEFAULT_SCENES)));
		if (audioScenes != null) {
			params.set("audioScenes",
					json.valueToTree(scenes(audioScenes, jobs.scenes(ContentKind.VOICE), "audioScenes", List.of())));
		}
		if (interval != null) {
			params.put("interval", interval);
		}
		if (maxFrames != null) {
			params.put("maxFrames", maxFrames);
		}
		return json.writeValueAsString(params);
	}

	private String voiceParams() {
		ObjectNode params = json.createObjectNode();
		params.set("scenes", json.valueToTree(List.of("antispam")));
		return json.writeValueAsString(params);
	}

	private static HumanReview.CallbackSpec callback(String url, String seed, String cryptType) {
		return url == null && seed == null && cryptType == null ? null
				: new HumanReview.CallbackSpec(url, seed, cryptType);
	}

	// ---- shared checks

	private String checkUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidInput("url: is required (or send the file as multipart/form-data)");
		}
		if (url.length() > limits.maxUrlLength()) {
			throw new InvalidInput("url: at most " + limits.maxUrlLength() + " characters");
		}
		if (!url.matches("(?i)https?://\\S+")) {
			throw new InvalidInput("url: must be an http(s) URL");
		}
		try {
			targetGuard.check(url);
		}
		catch (TargetRefused e) {
			throw new InvalidInput("url: refused: " + e.getMessage());
		}
		return url;
	}

	private static void checkDataId(String dataId) {
		if (!DataIds.isValid(dataId)) {
			throw new InvalidInput("dataId: " + DataIds.RULE);
		}
	}

	private static List<String> scenes(List<String> asked, Set<String> allowed, String field, List<String> dflt) {
		if (asked == null) {
			return dflt;
		}
		if (asked.isEmpty()) {
			throw new InvalidInput(field + ": must not be empty; one or more of " + sorted(allowed));
		}
		List<String> out = new ArrayList<>();
		for (int i = 0; i < asked.size(); i++) {
			String scene = asked.get(i);
			if (scene == null || !allowed.contains(scene)) {
				throw new InvalidInput(field + "[" + i + "]: must be one of " + sorted(allowed));
			}
			if (!out.contains(scene)) {
				out.add(scene);
			}
		}
		return out;
	}

	private static String sorted(Set<String> values) {
		return String.join(", ", values.stream().sorted().toList());
	}

	private FetchedMedia store(MultipartFile file, MediaKind kind) {
		try {
			return uploads.store(file, kind);
		}
		catch (MediaFetchFailed e) {
			throw new VetterException(ProblemCode.ofGreenTaskCode(e.greenCode()), "file: " + e.getMessage());
		}
	}

}
