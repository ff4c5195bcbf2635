package dev.vetter.moderation.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.ContentKind;
import dev.vetter.policy.Suggestion;

import tools.jackson.databind.JsonNode;

/**
 * The native API's result documents, in Vetter's own vocabulary: one verdict
 * ({@code suggestion}, {@code label}, {@code rate}) and a flat list of {@code findings},
 * each saying what was found and where (text positions, a box in the image, a second of
 * the video, a time span of the speech). The one place that maps a machine result to the
 * native shape: moderation's {@link ModerationResult} (text, images, stored tasks), and
 * the stored per-task documents of asynchronous jobs (whose wire shape is still Green's
 * {@code data[i]}, the form job results and their callbacks are kept in).
 */
final class NativeDocuments {

	private NativeDocuments() {
	}

	/** Positions in the original text: UTF-16 offsets, end exclusive. */
	record Position(int start, int end) {
	}

	/** A custom library that was hit. */
	record LibraryRef(long id, String name) {
	}

	/** A matched text: where it is (text) and which library or rule found it. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Match(String text, List<Position> positions, LibraryRef library, String rule) {
	}

	/** A box in the picture's original pixels. */
	record Box(int x, int y, int w, int h) {
	}

	/** A QR code's content and where it is. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QrCode(String data, Box box) {
	}

	/** A frame of an animated image that gave the finding. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FrameRef(Integer index, Long offsetMillis) {
	}

	/**
	 * One thing found. Which members are present depends on where it was found:
	 * {@code matches} (hit text, with positions for text), {@code qrcodes},
	 * {@code frames} (animated images), {@code offset} and {@code frameUrl} (a video
	 * frame, seconds), {@code start}/{@code end}/{@code text} (speech, seconds and the
	 * utterance).
	 *
	 * @param scene the image analysis that reported it ({@code porn}, {@code ad},
	 * {@code qrcode}, {@code terrorism}, ...); {@code speech} for the audio of a video or
	 * a voice task; absent for text
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Finding(String scene, String label, Suggestion suggestion, Double rate, Double offset, String frameUrl,
			Double start, Double end, String text, List<Match> matches, List<QrCode> qrcodes, List<FrameRef> frames) {

	}

	/** A custom image library entry that was matched. */
	record ImageLibraryHit(String library, String name, String context) {
	}

	/**
	 * The native text verdict.
	 *
	 * @param review the human verdict of a stored task, once people decided
	 */
	record TextDocument(String taskId, String dataId, Suggestion suggestion, String label, double rate,
			String filteredContent, List<Finding> findings, @JsonInclude(JsonInclude.Include.NON_NULL) Object review) {
	}

	/**
	 * The native media verdict.
	 *
	 * @param text the recognised lines of an image ({@code ocr} scene asked)
	 * @param libraries custom image library hits
	 * @param failedFrames client frames of a video that could not be used (code and
	 * message each)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record MediaDocument(String taskId, String dataId, String kind, Suggestion suggestion, String label, double rate,
			List<Finding> findings, List<String> text, List<ImageLibraryHit> libraries, List<FailedFrame> failedFrames,
			Object review) {
	}

	/** A client frame that could not be used, with its Green code. */
	record FailedFrame(double offset, String url, int code, String message) {
	}

	static TextDocument text(TextVerdict v, String dataId) {
		return text(ModerationResult.ofText(v, dataId, List.of("antispam")));
	}

	/**
	 * The native document of a result (a scan's, or a stored task's once it has one):
	 * text, or media (image; video and voice tasks stored by human-only review).
	 */
	static Object document(ContentKind kind, ModerationResult result) {
		return kind == ContentKind.TEXT ? text(result) : media(kind, result);
	}

	/** The native text document of a text result: its first check's verdict. */
	static TextDocument text(ModerationResult r) {
		ModerationResult.Check check = r.checks().get(0);
		List<Finding> findings = check.textFindings() == null ? List.of() : check.textFindings()
			.stream()
			.map(f -> new Finding(null, f.label(), f.suggestion(), f.rate(), null, null, null, null, null, f.matches()
				.stream()
				.map(m -> new Match(m.text(),
						m.positions().stream().map(p -> new Position(p.start(), p.end())).toList(),
						m.library() == null ? null : new LibraryRef(m.library().id(), m.library().name()), m.rule()))
				.toList(), null, null))
			.toList();
		return new TextDocument(r.taskId(), r.dataId(), check.suggestion(), check.label(), check.rate(),
				r.filteredContent(), findings, r.humanVerdict());
	}

	/**
	 * The native document of a media result: the most serious check gives the verdict; a
	 * finding per flagged check, or one that holds evidence (QR codes, hit words).
	 */
	static MediaDocument media(ContentKind kind, ModerationResult r) {
		List<Finding> findings = new ArrayList<>();
		Suggestion suggestion = Suggestion.PASS;
		String label = "normal";
		double rate = 99.9;
		List<String> text = null;
		for (ModerationResult.Check c : r.checks()) {
			if (c.suggestion().compareTo(suggestion) > 0) {
				suggestion = c.suggestion();
				label = c.label();
				rate = c.rate();
			}
			if (c.ocrText() != null) {
				text = c.ocrText();
			}
			boolean evidence = c.qrcodes() != null || c.hintWords() != null;
			if (c.suggestion() == Suggestion.PASS && !evidence) {
				continue;
			}
			List<Match> matches = c.hintWords() == null ? null
					: c.hintWords().stream().map(w -> new Match(w, null, null, null)).toList();
			List<FrameRef> frames = c.frames() == null ? null
					: c.frames().stream().map(f -> new FrameRef(f.index(), f.offsetMillis())).toList();
			List<QrCode> qrcodes = null;
			if (c.qrcodes() != null) {
				java.util.Map<String, Box> boxes = new java.util.LinkedHashMap<>();
				c.qrcodes().forEach(q -> boxes.putIfAbsent(q.data(), new Box(q.x(), q.y(), q.w(), q.h())));
				qrcodes = boxes.entrySet().stream().map(e -> new QrCode(e.getKey(), e.getValue())).toList();
			}
			findings.add(new Finding(c.name(), c.label(), c.suggestion(), c.rate(), null, null, null, null, null,
					matches, qrcodes, frames));
		}
		List<ImageLibraryHit> libraries = r.libraryHits() == null ? null
				: r.libraryHits()
					.stream()
					.map(h -> new ImageLibraryHit(h.libCode(), h.libName(), h.context()))
					.toList();
		return new MediaDocument(r.taskId(), r.dataId(), kind.wire(), suggestion, label, rate, findings, text,
				libraries, null, r.humanVerdict());
	}

	/**
	 * The native document of a stored media task document (an image, video or voice task
	 * with code 200).
	 */
	static MediaDocument media(ContentKind kind, JsonNode doc) {
		List<Finding> findings = new ArrayList<>();
		Verdict verdict = new Verdict();
		List<String> text = null;
		for (JsonNode scene : doc.path("results")) {
			verdict.consider(scene);
			String sceneName = scene.path("scene").asString();
			if (kind == ContentKind.VOICE) {
				findings.addAll(speech(scene));
				continue;
			}
			if (scene.has("ocrData")) {
				text = new ArrayList<>();
				for (JsonNode line : scene.get("ocrData")) {
					text.add(line.asString());
				}
			}
			if (kind == ContentKind.VIDEO) {
				for (JsonNode frame : scene.path("frames")) {
					findings.add(new Finding(sceneName, frame.path("label").asString(),
							Suggestion.of(frame.path("suggestion").asString("review")), rate(frame),
							frame.path("offset").asDouble(), frame.path("url").asString(null), null, null, null,
							strings(frame.path("hintWords")), qrcodes(frame.path("qrcodeData"), null), null));
				}
				continue;
			}
			Suggestion suggestion = Suggestion.of(scene.path("suggestion").asString("pass"));
			boolean evidence = scene.has("qrcodeData") || scene.has("hintWordsInfo");
			if (suggestion == Suggestion.PASS && !evidence) {
				continue;
			}
			List<Match> matches = null;
			if (scene.has("hintWordsInfo")) {
				matches = new ArrayList<>();
				for (JsonNode hint : scene.get("hintWordsInfo")) {
					matches.add(new Match(hint.path("context").asString(), null, null, null));
				}
			}
			List<FrameRef> frames = null;
			if (scene.has("frames")) {
				frames = new ArrayList<>();
				for (JsonNode f : scene.get("frames")) {
					frames.add(new FrameRef(f.has("index") ? f.get("index").asInt() : null,
							f.has("offset") ? f.get("offset").asLong() : null));
				}
			}
			findings
				.add(new Finding(sceneName, scene.path("label").asString(), suggestion, rate(scene), null, null, null,
						null, null, matches, qrcodes(scene.path("qrcodeData"), scene.path("qrcodeLocations")), frames));
		}
		for (JsonNode audio : doc.path("audioScanResults")) {
			verdict.consider(audio);
			findings.addAll(speech(audio));
		}
		if (kind == ContentKind.VIDEO) {
			findings.sort(Comparator.comparing(f -> f.offset() != null ? f.offset() : f.start()));
		}
		List<ImageLibraryHit> libraries = null;
		if (doc.path("extras").has("hitLibInfo")) {
			libraries = new ArrayList<>();
			for (JsonNode hit : doc.path("extras").path("hitLibInfo")) {
				libraries.add(new ImageLibraryHit(hit.path("libCode").asString(), hit.path("libName").asString(),
						hit.path("context").asString()));
			}
		}
		List<FailedFrame> failedFrames = null;
		if (doc.has("failedFrames")) {
			failedFrames = new ArrayList<>();
			for (JsonNode f : doc.get("failedFrames")) {
				failedFrames.add(new FailedFrame(f.path("offset").asDouble(), f.path("url").asString(),
						f.path("code").asInt(), f.path("msg").asString()));
			}
		}
		return new MediaDocument(doc.path("taskId").asString(), doc.path("dataId").asString(null), kind.wire(),
				verdict.suggestion, verdict.label, verdict.rate, findings, text, libraries, failedFrames,
				doc.has("auditResult") ? doc.get("auditResult") : null);
	}

	private static List<Finding> speech(JsonNode scene) {
		List<Finding> out = new ArrayList<>();
		for (JsonNode d : scene.path("details")) {
			LibraryRef library = d.has("libCode")
					? new LibraryRef(parseId(d.get("libCode").asString()), d.path("libName").asString()) : null;
			Match match = new Match(d.path("keyword").asString(), null, library, d.path("ruleType").asString(null));
			out.add(new Finding("speech", d.path("label").asString(),
					Suggestion.of(d.path("suggestion").asString("review")), null, null, null,
					d.path("startTime").asDouble(), d.path("endTime").asDouble(), d.path("text").asString(null),
					List.of(match), null, null));
		}
		return out;
	}

	private static long parseId(String code) {
		try {
			return Long.parseLong(code);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	private static Double rate(JsonNode node) {
		return node.has("rate") ? node.get("rate").asDouble() : null;
	}

	private static List<Match> strings(JsonNode array) {
		if (!array.isArray() || array.isEmpty()) {
			return null;
		}
		List<Match> out = new ArrayList<>();
		array.forEach(s -> out.add(new Match(s.asString(), null, null, null)));
		return out;
	}

	private static List<QrCode> qrcodes(JsonNode data, JsonNode locations) {
		if (!data.isArray() || data.isEmpty()) {
			return null;
		}
		List<QrCode> out = new ArrayList<>();
		for (JsonNode d : data) {
			Box box = null;
			if (locations != null) {
				for (JsonNode l : locations) {
					if (l.path("qrcode").asString().equals(d.asString())) {
						box = new Box(l.path("x").asInt(), l.path("y").asInt(), l.path("w").asInt(),
								l.path("h").asInt());
						break;
					}
				}
			}
			out.add(new QrCode(d.asString(), box));
		}
		return out;
	}

	/** The most serious part: its suggestion, label and rate. */
	private static final class Verdict {

		Suggestion suggestion = Suggestion.PASS;

		String label = "normal";

		double rate = 99.9;

		void consider(JsonNode part) {
			Suggestion s = Suggestion.of(part.path("suggestion").asString("pass"));
			if (s.compareTo(suggestion) > 0) {
				suggestion = s;
				label = part.path("label").asString("normal");
				rate = part.path("rate").asDouble(rate);
			}
		}

	}

}
