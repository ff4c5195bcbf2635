package dev.vetter.api.green;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.vetter.moderation.DataIds;
import dev.vetter.moderation.HumanReview;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.web.StoredText;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the common parts of Green request bodies, with Green's codes for what
 * is wrong.
 */
final class GreenBody {

	private GreenBody() {
	}

	static JsonNode object(JsonMapper mapper, byte[] body) {
		JsonNode root;
		try {
			root = mapper.readTree(body);
		}
		catch (JacksonException e) {
			throw new GreenRequestError(ProblemCode.MALFORMED_JSON, "request body is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new GreenRequestError(ProblemCode.MALFORMED_JSON, "request body must be a JSON object");
		}
		storable(root);
		return root;
	}

	/** No NUL or lone surrogate anywhere: such text cannot be stored as sent. */
	private static void storable(JsonNode root) {
		try {
			StoredText.check(root, "");
		}
		catch (InvalidInput e) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, e.getMessage());
		}
	}

	static String optionalString(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, field + " must be a string");
		}
		return node.asString();
	}

	/** The requested scenes, each one of {@code supported}. */
	static List<String> scenes(JsonNode root, Set<String> supported) {
		JsonNode node = root.get("scenes");
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED,
					"scenes must be a non-empty array, e.g. [\"antispam\"]");
		}
		List<String> scenes = new ArrayList<>();
		for (JsonNode scene : node) {
			if (!scene.isString()) {
				throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "scenes must hold strings");
			}
			if (!supported.contains(scene.asString())) {
				throw new GreenRequestError(ProblemCode.UNSUPPORTED_SCENE,
						"scene '" + scene.asString() + "' is not supported here; supported: " + supported);
			}
			if (!scenes.contains(scene.asString())) {
				scenes.add(scene.asString());
			}
		}
		return scenes;
	}

	static JsonNode tasks(JsonNode root, int maxTasks) {
		JsonNode tasks = root.get("tasks");
		if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "tasks must be a non-empty array");
		}
		if (tasks.size() > maxTasks) {
			throw new GreenRequestError(ProblemCode.TOO_MANY_TASKS, "at most " + maxTasks + " tasks per request");
		}
		return tasks;
	}

	/** Returns an error message for a bad dataId, or null. */
	static String checkDataId(JsonNode task) {
		JsonNode dataId = task.get("dataId");
		if (dataId == null || dataId.isNull()) {
			return null;
		}
		if (!dataId.isString() || !DataIds.isValid(dataId.asString())) {
			return DataIds.RULE;
		}
		return null;
	}

	/**
	 * The dataId as sent (any string), so a per-task error can echo it; format checked
	 * elsewhere.
	 */
	static String dataIdRaw(JsonNode task) {
		JsonNode dataId = task.get("dataId");
		return dataId != null && dataId.isString() ? dataId.asString() : null;
	}

	/**
	 * {@code callback}, {@code seed} and {@code cryptType} of async and manual requests
	 * (checked by callbacks).
	 */
	static HumanReview.CallbackSpec callback(JsonNode root) {
		return new HumanReview.CallbackSpec(optionalString(root, "callback"), optionalString(root, "seed"),
				optionalString(root, "cryptType"));
	}

	/**
	 * A results/cancel body: an array of taskId strings, or of {"taskId": ...} objects.
	 */
	static List<String> taskIds(JsonMapper mapper, byte[] body, int max) {
		JsonNode root;
		try {
			root = mapper.readTree(body);
		}
		catch (JacksonException e) {
			throw new GreenRequestError(ProblemCode.MALFORMED_JSON, "request body is not valid JSON");
		}
		if (root == null || !root.isArray() || root.isEmpty()) {
			throw new GreenRequestError(ProblemCode.VALIDATION_FAILED, "body must be a non-empty array of taskIds");
		}
		if (root.size() > max) {
			throw new GreenRequestError(ProblemCode.TOO_MANY_TASKS, "at most " + max + " taskIds per request");
		}
		storable(root);
		List<String> ids = new ArrayList<>(root.size());
		for (JsonNode node : root) {
			JsonNode id = node.isObject() ? node.get("taskId") : node;
			if (id == null || !id.isString() || id.asString().isBlank() || id.asString().length() > 128) {
				throw new GreenRequestError(ProblemCode.VALIDATION_FAILED,
						"each element is a taskId string or {\"taskId\": ...}");
			}
			ids.add(id.asString());
		}
		return ids;
	}

	static String dataId(JsonNode task) {
		JsonNode dataId = task.get("dataId");
		return dataId != null && dataId.isString() ? dataId.asString() : null;
	}

}
