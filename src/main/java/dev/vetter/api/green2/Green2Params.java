package dev.vetter.api.green2;

import dev.vetter.api.acs.AcsCall;
import dev.vetter.moderation.DataIds;
import dev.vetter.moderation.HumanReview;
import dev.vetter.platform.InvalidInput;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parameters of a Green API 2.0 action: {@code Service} and {@code ServiceParameters}
 * (a JSON object in a string) from the merged query and form body, and the fields inside
 * it. Bad input is {@link InvalidInput} (Code 400).
 */
final class Green2Params {

	private Green2Params() {
	}

	/** {@code Service}: required, 1-64 characters of letters, digits, {@code _ . -}. */
	static String service(AcsCall call) {
		String service = call.parameter("Service");
		if (service == null || service.isBlank()) {
			throw new InvalidInput("Service is required");
		}
		if (service.length() > 64 || !service.matches("[A-Za-z0-9_.-]+")) {
			throw new InvalidInput("Service must be 1-64 characters of letters, digits, _ . -");
		}
		return service;
	}

	/** {@code ServiceParameters} as a JSON object. */
	static JsonNode serviceParameters(AcsCall call, JsonMapper json) {
		String raw = call.parameter("ServiceParameters");
		if (raw == null || raw.isBlank()) {
			throw new InvalidInput("ServiceParameters (a JSON object) is required");
		}
		JsonNode node;
		try {
			node = json.readTree(raw);
		}
		catch (JacksonException e) {
			throw new InvalidInput("ServiceParameters is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidInput("ServiceParameters must be a JSON object");
		}
		return node;
	}

	/** {@code dataId}, checked against the dataId rule, or null. */
	static String dataId(JsonNode params) {
		String dataId = string(params, "dataId");
		if (dataId != null && !DataIds.isValid(dataId)) {
			throw new InvalidInput(DataIds.RULE);
		}
		return dataId;
	}

	/** {@code taskId} (or {@code TaskId}): required, at most 128 characters. */
	static String taskId(JsonNode params) {
		String taskId = string(params, "taskId");
		if (taskId == null) {
			taskId = string(params, "TaskId");
		}
		if (taskId == null || taskId.isEmpty() || taskId.length() > 128) {
			throw new InvalidInput("ServiceParameters.taskId is required (at most 128 characters)");
		}
		return taskId;
	}

	/** {@code callback}, {@code seed}, {@code cryptType} (all optional). */
	static HumanReview.CallbackSpec callback(JsonNode params) {
		return new HumanReview.CallbackSpec(string(params, "callback"), string(params, "seed"),
				string(params, "cryptType"));
	}

	/** A string field, or null when absent or not a string. */
	static String string(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v != null && v.isString() ? v.asString() : null;
	}

}
