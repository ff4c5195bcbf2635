package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.List;

import dev.vetter.policy.Suggestion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a {@link ModerationResult} is kept in a JSON column ({@code machine_result}): the
 * result's own fields with a {@code format} marker. Rows written before the marker hold
 * the Green API 1.0 {@code data[i]} document (escalated asynchronous jobs stored their
 * job document, which has that shape); they are read by converting. An escalated job
 * stored now keeps its {@link JobResult} ({@link StoredJobResults}), read as its
 * {@link JobResult#toModerationResult() task result}.
 */
final class StoredResults {

	/** The marker of the stored form written now. */
	static final String FORMAT = "vetter.result/1";

	private StoredResults() {
	}

	static String write(JsonMapper json, ModerationResult result) {
		ObjectNode node = json.createObjectNode();
		node.put("format", FORMAT);
		node.setAll((ObjectNode) json.valueToTree(result));
		return json.writeValueAsString(node);
	}

	static ModerationResult read(JsonMapper json, String stored) {
		JsonNode node = json.readTree(stored);
		if (StoredJobResults.isJobResult(node)) {
			// an escalated job's machine result
			JobResult job = StoredJobResults.read(json, node, null);
			return job.toModerationResult();
		}
		if (node.has("format")) {
			if (!FORMAT.equals(node.get("format").asString())) {
				throw new IllegalStateException("unknown stored result format " + node.get("format"));
			}
			((ObjectNode) node).remove("format");
			return json.treeToValue(node, ModerationResult.class);
		}
		return legacy(node);
	}

	/**
	 * A result stored in the Green API 1.0 shape: {@code code}, {@code msg},
	 * {@code results[]} per scene with {@code details[].contexts[]},
	 * {@code hintWordsInfo}, {@code qrcodeLocations}, {@code ocrData}, {@code frames},
	 * and {@code extras.hitLibInfo}.
	 */
	static ModerationResult legacy(JsonNode doc) {
		String taskId = doc.path("taskId").asString(null);
		String dataId = doc.path("dataId").asString(null);
		String url = doc.path("url").asString(null);
		int code = doc.path("code").asInt(200);
		if (code != 200) {
			return ModerationResult.failed(ModerationResult.Failure.ofCode(code, doc.path("msg").asString(null)),
					dataId, taskId, url);
		}
		List<ModerationResult.Check> checks = null;
		if (doc.has("results")) {
			checks = new ArrayList<>();
			for (JsonNode scene : doc.get("results")) {
				checks.add(check(scene));
			}
		}
		List<ModerationResult.LibraryHit> libraryHits = null;
		if (doc.path("extras").has("hitLibInfo")) {
			libraryHits = new ArrayList<>();
			for (JsonNode h : doc.path("extras").path("hitLibInfo")) {
				libraryHits.add(new ModerationResult.LibraryHit(h.path("context").asString(null),
						h.path("libCode").asString(null), h.path("libName").asString(null)));
			}
		}
		return new ModerationResult(taskId, dataId, ModerationResult.State.DONE, null,
				doc.path("content").asString(null), doc.path("filteredContent").asString(null), url, checks,
				libraryHits, null);
	}

	private static ModerationResult.Check check(JsonNode scene) {
		List<ModerationResult.TextFinding> findings = null;
		if (scene.has("details")) {
			findings = new ArrayList<>();
			for (JsonNode d : scene.get("details")) {
				List<ModerationResult.Match> matches = new ArrayList<>();
				for (JsonNode c : d.path("contexts")) {
					List<ModerationResult.Position> positions = new ArrayList<>();
					for (JsonNode p : c.path("positions")) {
						positions
							.add(new ModerationResult.Position(p.path("startPos").asInt(), p.path("endPos").asInt()));
					}
					ModerationResult.LibraryRef library = c.has("libCode")
							? new ModerationResult.LibraryRef(id(c.get("libCode").asString()),
									c.path("libName").asString(null), c.get("libCode").asString())
							: null;
					matches.add(new ModerationResult.Match(c.path("context").asString(null), positions, library, null));
				}
				findings.add(new ModerationResult.TextFinding(d.path("label").asString(null), null, null, matches));
			}
		}
		List<ModerationResult.FrameHit> frames = null;
		if (scene.has("frames")) {
			frames = new ArrayList<>();
			for (JsonNode f : scene.get("frames")) {
				frames.add(new ModerationResult.FrameHit(f.path("url").asString(null), f.path("rate").asDouble(),
						f.has("index") ? f.get("index").asInt() : null,
						f.has("offset") ? (long) f.get("offset").asDouble() : null));
			}
		}
		List<String> hintWords = null;
		if (scene.has("hintWordsInfo")) {
			hintWords = new ArrayList<>();
			for (JsonNode h : scene.get("hintWordsInfo")) {
				hintWords.add(h.path("context").asString(null));
			}
		}
		List<ModerationResult.QrCode> qrcodes = null;
		if (scene.has("qrcodeLocations")) {
			qrcodes = new ArrayList<>();
			for (JsonNode q : scene.get("qrcodeLocations")) {
				qrcodes.add(new ModerationResult.QrCode(q.path("qrcode").asString(null), q.path("x").asInt(),
						q.path("y").asInt(), q.path("w").asInt(), q.path("h").asInt()));
			}
		}
		List<String> ocrText = null;
		if (scene.has("ocrData")) {
			ocrText = new ArrayList<>();
			for (JsonNode line : scene.get("ocrData")) {
				ocrText.add(line.asString());
			}
		}
		return new ModerationResult.Check(scene.path("scene").asString(null), scene.path("label").asString(null),
				Suggestion.of(scene.path("suggestion").asString("pass")), scene.path("rate").asDouble(), findings,
				frames, hintWords, qrcodes, ocrText);
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
