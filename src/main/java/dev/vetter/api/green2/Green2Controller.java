package dev.vetter.api.green2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.api.acs.AcsCall;
import dev.vetter.api.acs.GatewayError;
import dev.vetter.api.acs.PopErrors;
import dev.vetter.moderation.HumanReview;
import dev.vetter.moderation.ModerationProperties;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.TextModeration;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Green API 2.0 (version 2022-03-02, "green-cip"): RPC actions on {@code POST /}, the
 * action in {@code x-acs-action} (ACS3) or {@code Action} (RPC), parameters
 * {@code Service} + {@code ServiceParameters} (a JSON string) from the form body or the
 * query. A thin adapter over the same moderation and review services as API 1.0, so a
 * task behaves the same whichever API started it. PascalCase answers with HTTP 200 and
 * the outcome in {@code Code}.
 */
@RestController
@Tag(name = "Green API 2.0 (Alibaba-compatible)")
class Green2Controller {

	/** Actions of the 2.0 SDK that this Vetter does not serve yet: Code 501. */
	static final Set<String> UNSERVED_ACTIONS = Set.of("ImageBatchModeration", "DescribeImageResultExt",
			"FileModeration", "DescribeFileModerationResult", "UrlAsyncModeration", "DescribeUrlModerationResult",
			"DescribeUploadToken", "MultimodalAsyncModeration");

	private final TextModeration text;

	private final Green2Media media;

	private final HumanReview humanReview;

	private final JsonMapper json;

	private final ModerationProperties properties;

	Green2Controller(TextModeration text, Green2Media media, HumanReview humanReview, JsonMapper json,
			ModerationProperties properties) {
		this.text = text;
		this.media = media;
		this.humanReview = humanReview;
		this.json = json;
		this.properties = properties;
	}

	@PostMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Green API 2.0 action (x-acs-action or Action): TextModeration, TextModerationPlus, "
			+ "ImageModeration, ImageAsyncModeration, DescribeImageModerationResult, VideoModeration, "
			+ "VideoModerationResult, VideoModerationCancel, VoiceModeration, VoiceModerationResult, "
			+ "VoiceModerationCancel, ManualModeration, ManualModerationResult; other media actions "
			+ "(ImageBatchModeration, FileModeration, ...) answer Code 501")
	Map<String, Object> action(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
		AcsCall call = AcsCall.of(request);
		String action = request.getHeader("x-acs-action");
		if (action == null) {
			action = call.parameter("Action");
		}
		if (action == null) {
			PopErrors.write(response, call.requestId(), GatewayError.UNKNOWN_ACTION, " Missing Action.");
			return null;
		}
		return switch (action) {
			case "TextModeration" -> ok(call, textModeration(call, false));
			case "TextModerationPlus" -> ok(call, textModeration(call, true));
			case "ManualModeration" -> manualModeration(call);
			case "ManualModerationResult" -> manualModerationResult(call);
			case "ImageModeration" -> media.imageModeration(call);
			case "ImageAsyncModeration" -> media.imageAsyncModeration(call);
			case "DescribeImageModerationResult" -> media.describeImageModerationResult(call);
			case "VideoModeration" -> media.submit(call, ContentKind.VIDEO);
			case "VideoModerationResult" -> media.result(call, ContentKind.VIDEO);
			case "VideoModerationCancel" -> media.cancel(call, ContentKind.VIDEO);
			case "VoiceModeration" -> media.submit(call, ContentKind.VOICE);
			case "VoiceModerationResult" -> media.result(call, ContentKind.VOICE);
			case "VoiceModerationCancel" -> media.cancel(call, ContentKind.VOICE);
			default -> {
				if (UNSERVED_ACTIONS.contains(action)) {
					yield Green2Errors.body(call.requestId(), Green2Errors.NOT_AVAILABLE_YET,
							"NotAvailableYet: " + action + " is not served by this Vetter; see docs/api.md");
				}
				PopErrors.write(response, call.requestId(), GatewayError.UNKNOWN_ACTION, " Action: " + action);
				yield null;
			}
		};
	}

	private Map<String, Object> textModeration(AcsCall call, boolean plus) {
		String service = Green2Params.service(call);
		JsonNode params = Green2Params.serviceParameters(call, json);
		String content = Green2Params.string(params, "content");
		if (content == null || content.isEmpty()) {
			throw new InvalidInput("ServiceParameters.content is required and must be a non-empty string");
		}
		if (content.length() > properties.maxTextLength()) {
			throw new Green2Errors.TooLarge("content is at most " + properties.maxTextLength() + " characters");
		}
		String dataId = Green2Params.dataId(params);
		// the service name is the bizType: a tenant policy of that name applies, else the
		// default policy
		TextVerdict verdict = text.scan(call.tenantId(), service, content, dataId, List.of("antispam"),
				Green2CallbackFormat.NAME);
		ModerationResult result = ModerationResult.ofText(verdict, dataId, List.of("antispam"));
		Map<String, Object> data = plus ? Green2Results.textPlusData(result)
				: Green2Results.textData(result, json, false);
		if (!plus) {
			putIfPresent(data, "accountId", Green2Params.string(params, "accountId"));
			putIfPresent(data, "deviceId", Green2Params.string(params, "deviceId"));
		}
		return data;
	}

	private Map<String, Object> manualModeration(AcsCall call) {
		String service = Green2Params.service(call);
		ContentKind kind = kind(service);
		JsonNode params = Green2Params.serviceParameters(call, json);
		HumanReview.CallbackSpec callback = Green2Params.callback(params);
		HumanReview.ManualTask task = new HumanReview.ManualTask(Green2Params.dataId(params),
				Green2Params.string(params, "content"), Green2Params.string(params, "url"));
		ModerationResult submitted = humanReview
			.submitHumanOnly(call.tenantId(), kind, service, List.of(task), callback, Green2CallbackFormat.NAME)
			.get(0);
		if (!submitted.ok()) {
			return Green2Errors.body(call.requestId(), submitted.failure().code(), submitted.failure().message());
		}
		Map<String, Object> data = new LinkedHashMap<>();
		putIfPresent(data, "DataId", submitted.dataId());
		data.put("TaskId", submitted.taskId());
		return ok(call, data);
	}

	private Map<String, Object> manualModerationResult(AcsCall call) {
		String taskId = Green2Params.taskId(Green2Params.serviceParameters(call, json));
		humanReview.requireEnabled(call.tenantId());
		ModerationResult result;
		try {
			result = humanReview.task(call.tenantId(), taskId).result();
		}
		catch (NotFound e) {
			return Green2Errors.body(call.requestId(), ProblemCode.NOT_FOUND.greenCode(),
					"NOT_FOUND: no such task " + taskId);
		}
		Map<String, Object> data = Green2Results.manualData(result);
		if (result.state() == ModerationResult.State.PENDING) {
			Map<String, Object> body = Green2Errors.body(call.requestId(), 280, "PROCESSING: no human verdict yet");
			body.put("Data", data);
			return body;
		}
		return ok(call, data);
	}

	private static ContentKind kind(String service) {
		String s = service.toLowerCase(Locale.ROOT);
		if (s.startsWith("text")) {
			return ContentKind.TEXT;
		}
		if (s.startsWith("image")) {
			return ContentKind.IMAGE;
		}
		if (s.startsWith("video")) {
			return ContentKind.VIDEO;
		}
		if (s.startsWith("audio") || s.startsWith("voice")) {
			return ContentKind.VOICE;
		}
		throw new InvalidInput("Service " + service
				+ " is not a manual review service: use textManualCheck, imageManualCheck, videoManualCheck or audioManualCheck");
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static Map<String, Object> ok(AcsCall call, Map<String, Object> data) {
		Map<String, Object> body = Green2Errors.body(call.requestId(), 200, "OK");
		body.put("Data", data);
		return body;
	}

}
