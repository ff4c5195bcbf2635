package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.moderation.MediaFeedback;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.Suggestion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feedback, Green API 1.0 section 1.6: {@code /green/image/feedback} {@code {taskId?,
 * dataId?, url, suggestion: pass|block, scenes, label?, note?}} and
 * {@code /green/video/feedback} (the same with {@code frames:[{url, offset?, note?}]}).
 * The correction teaches the tenant's feedback library ({@link MediaFeedback}); the
 * answer is {@code {code, msg, requestId}}, with the image's code (480, 589, 590, 592)
 * when an image cannot be taken.
 */
@RestController
@Tag(name = "Green API 1.0 (Alibaba-compatible)")
class GreenFeedbackController {

	private final MediaFeedback feedback;

	private final JsonMapper mapper;

	GreenFeedbackController(MediaFeedback feedback, JsonMapper mapper) {
		this.feedback = feedback;
		this.mapper = mapper;
	}

	@PostMapping(path = "/green/image/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Correct an image result, Alibaba ImageScanFeedback")
	Envelope image(HttpServletRequest request) {
		return correct(request, ContentKind.IMAGE);
	}

	@PostMapping(path = "/green/video/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Correct a video result (frames teach the image libraries), Alibaba VideoFeedback")
	Envelope video(HttpServletRequest request) {
		return correct(request, ContentKind.VIDEO);
	}

	private Envelope correct(HttpServletRequest request, ContentKind kind) {
		GreenCall call = GreenCall.of(request);
		JsonNode root = GreenBody.object(mapper, call.body());
		String suggestion = GreenBody.optionalString(root, "suggestion");
		Suggestion parsed = suggestion == null ? null : switch (suggestion.toLowerCase(Locale.ROOT)) {
			case "pass" -> Suggestion.PASS;
			case "block" -> Suggestion.BLOCK;
			default ->
				throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "suggestion must be \"pass\" or \"block\"");
		};
		List<String> scenes = strings(root, "scenes");
		List<String> frames = kind == ContentKind.VIDEO ? frameUrls(root) : List.of();
		MediaFeedback.Correction correction = new MediaFeedback.Correction(kind,
				GreenBody.optionalString(root, "taskId"), GreenBody.optionalString(root, "dataId"),
				GreenBody.optionalString(root, "url"), parsed, scenes, GreenBody.optionalString(root, "label"),
				GreenBody.optionalString(root, "note"), frames);
		try {
			feedback.correct(call.tenantId(), correction);
		}
		catch (MediaFeedback.ImageNotTaken e) {
			return Envelope.error(call.requestId(), e.greenCode(), e.getMessage());
		}
		return new Envelope(200, "OK", call.requestId(), null);
	}

	private static List<String> strings(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, field + " must be an array of strings");
		}
		List<String> out = new ArrayList<>();
		for (JsonNode s : node) {
			if (!s.isString()) {
				throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, field + " must be an array of strings");
			}
			if (!out.contains(s.asString())) {
				out.add(s.asString());
			}
		}
		return out;
	}

	private static List<String> frameUrls(JsonNode root) {
		JsonNode frames = root.get("frames");
		if (frames == null || frames.isNull()) {
			return List.of();
		}
		if (!frames.isArray()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "frames must be an array of {url, offset}");
		}
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < frames.size(); i++) {
			JsonNode url = frames.get(i).isObject() ? frames.get(i).get("url") : null;
			if (url == null || !url.isString() || url.asString().isBlank()) {
				throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "frames[" + i + "].url is required");
			}
			urls.add(url.asString());
		}
		return urls;
	}

}
