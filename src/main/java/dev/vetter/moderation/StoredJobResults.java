package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.List;

import dev.vetter.platform.ContentKind;
import dev.vetter.policy.Suggestion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a {@link JobResult} is kept in a JSON column ({@code moderation_jobs.result}, and
 * {@code moderation_tasks.machine_result} of an escalated job): the result's own fields
 * with a {@code format} marker. Rows written before the marker hold the Green API 1.0 job
 * document ({@code code}, {@code msg}, {@code results[]} per scene with {@code frames[]}
 * or {@code details[]}, {@code audioScanResults}, {@code failedFrames},
 * {@code extras.hitLibInfo}); they are read by converting.
 */
final class StoredJobResults {

	/** The marker of the stored form written now. */
	static final String FORMAT = "vetter.job-result/1";

	private StoredJobResults() {
	}

	static String write(JsonMapper json, JobResult result) {
		ObjectNode node = json.createObjectNode();
		node.put("format", FORMAT);
		node.setAll((ObjectNode) json.valueToTree(result));
		return json.writeValueAsString(node);
	}

	/** Whether a stored JSON document is a job result written by {@link #write}. */
	static boolean isJobResult(JsonNode node) {
		return FORMAT.equals(node.path("format").asString(null));
	}

	/**
	 * A stored job result; one in the Green shape is read as a result of that kind.
	 */
	static JobResult read(JsonMapper json, String stored, ContentKind kind) {
		return read(json, json.readTree(stored), kind);
	}

	static JobResult read(JsonMapper json, JsonNode node, ContentKind kind) {
		if (node.has("format")) {
			if (!isJobResult(node)) {
				throw new IllegalStateException("unknown stored job result format " + node.get("format"));
			}
			ObjectNode copy = ((ObjectNode) node).deepCopy();
			copy.remove("format");
			return json.treeToValue(copy, JobResult.class);
		}
		return legacy(node, kind);
	}

	/** A job document stored in the Green API 1.0 shape. */
	static JobResult legacy(JsonNode doc, ContentKind kind) {
		String taskId = doc.path("taskId").asString(null);
		String dataId = doc.path("dataId").asString(null);
		String url = doc.path("url").asString(null);
		if (kind == ContentKind.IMAGE) {
			ModerationResult image = StoredResults.legacy(doc);
			return new JobResult(taskId, dataId, kind, url, null, null,
					image.checks() == null ? List.of() : image.checks(), image.libraryHits(), null, null);
		}
		List<JobResult.MediaCheck> checks = new ArrayList<>();
		for (JsonNode scene : doc.path("results")) {
			checks.add(kind == ContentKind.VOICE ? speech(scene) : frames(scene));
		}
		List<JobResult.MediaCheck> audio = null;
		if (doc.has("audioScanResults")) {
			audio = new ArrayList<>();
			for (JsonNode scene : doc.get("audioScanResults")) {
				audio.add(speech(scene));
			}
		}
		List<JobResult.FailedFrame> failed = null;
		if (doc.has("failedFrames")) {
			failed = new ArrayList<>();
			for (JsonNode f : doc.get("failedFrames")) {
				failed.add(new JobResult.FailedFrame(f.path("offset").asDouble(), f.path("url").asString(null),
						f.path("code").asInt(), f.path("msg").asString(null)));
			}
		}
		return new JobResult(taskId, dataId, kind, url, checks, audio, null, null, failed, null);
	}

	private static JobResult.MediaCheck frames(JsonNode scene) {
		List<JobResult.FrameHit> frames = null;
		if (scene.has("frames")) {
			frames = new ArrayList<>();
			for (JsonNode f : scene.get("frames")) {
				frames.add(new JobResult.FrameHit(f.path("offset").asDouble(), f.path("url").asString(null),
						f.path("label").asString(null), suggestion(f), f.path("rate").asDouble(),
						strings(f.get("qrcodeData")), strings(f.get("hintWords"))));
			}
		}
		return new JobResult.MediaCheck(scene.path("scene").asString(null), scene.path("label").asString(null),
				suggestion(scene), scene.path("rate").asDouble(), frames, null);
	}

	private static JobResult.MediaCheck speech(JsonNode scene) {
		List<JobResult.SpeechHit> hits = null;
		if (scene.has("details")) {
			hits = new ArrayList<>();
			for (JsonNode d : scene.get("details")) {
				ModerationResult.LibraryRef library = d.has("libCode")
						? new ModerationResult.LibraryRef(id(d.get("libCode").asString()),
								d.path("libName").asString(null), d.get("libCode").asString())
						: null;
				hits.add(new JobResult.SpeechHit(d.path("startTime").asDouble(), d.path("endTime").asDouble(),
						d.path("text").asString(null), d.path("label").asString(null), suggestion(d),
						d.path("keyword").asString(null), library, d.path("ruleType").asString(null)));
			}
		}
		return new JobResult.MediaCheck(scene.path("scene").asString(null), scene.path("label").asString(null),
				suggestion(scene), scene.path("rate").asDouble(), null, hits);
	}

	private static Suggestion suggestion(JsonNode node) {
		return Suggestion.of(node.path("suggestion").asString("pass"));
	}

	private static List<String> strings(JsonNode array) {
		if (array == null || !array.isArray()) {
			return null;
		}
		List<String> out = new ArrayList<>();
		array.forEach(s -> out.add(s.asString()));
		return out;
	}

	private static long id(String code) {
		try {
			return Long.parseLong(code);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

}
