package dev.vetter.moderation.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.moderation.JobResult;
import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.ContentKind;
import dev.vetter.policy.Suggestion;

/**
 * The native API's result documents, in Vetter's own vocabulary: one verdict
 * ({@code suggestion}, {@code label}, {@code rate}) and a flat list of {@code findings},
 * each saying what was found and where (text positions, a box in the image, a second of
 * the video, a time span of the speech). The one place that maps a machine result to the
 * native shape: moderation's {@link ModerationResult} (text, images, stored tasks) and
 * {@link JobResult} (asynchronous jobs).
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
		Verdict verdict = new Verdict();
		List<String> text = imageFindings(r.checks(), verdict, findings, true);
		List<ImageLibraryHit> libraries = r.libraryHits() == null ? null
				: r.libraryHits()
					.stream()
					.map(h -> new ImageLibraryHit(h.libCode(), h.libName(), h.context()))
					.toList();
		return new MediaDocument(r.taskId(), r.dataId(), kind.wire(), verdict.suggestion, verdict.label, verdict.rate,
				findings, text, libraries, null, r.humanVerdict());
	}

	/**
	 * The native document of an asynchronous job's result (video, voice, image): the most
	 * serious check gives the verdict; a video finding per flagged frame (scene, offset,
	 * frame URL) and per speech hit, sorted by time; a voice finding per speech hit; an
	 * image finding per flagged check, or one that holds evidence.
	 */
	static MediaDocument media(ContentKind kind, JobResult r) {
		List<Finding> findings = new ArrayList<>();
		Verdict verdict = new Verdict();
		List<String> text = null;
		if (r.imageChecks() != null) {
			text = imageFindings(r.imageChecks(), verdict, findings, false);
		}
		for (JobResult.MediaCheck c : r.checks() == null ? List.<JobResult.MediaCheck>of() : r.checks()) {
			verdict.consider(c.suggestion(), c.label(), c.rate());
			if (kind == ContentKind.VOICE) {
				findings.addAll(speech(c));
				continue;
			}
			for (JobResult.FrameHit f : c.frames() == null ? List.<JobResult.FrameHit>of() : c.frames()) {
				findings.add(new Finding(c.name(), f.label(), f.suggestion(), f.rate(), f.offsetSeconds(), f.url(),
						null, null, null,
						f.hintWords() == null || f.hintWords().isEmpty() ? null
								: f.hintWords().stream().map(w -> new Match(w, null, null, null)).toList(),
						f.qrcodes() == null || f.qrcodes().isEmpty() ? null
								: f.qrcodes().stream().map(q -> new QrCode(q, null)).toList(),
						null));
			}
		}
		for (JobResult.MediaCheck c : r.audioChecks() == null ? List.<JobResult.MediaCheck>of() : r.audioChecks()) {
			verdict.consider(c.suggestion(), c.label(), c.rate());
			findings.addAll(speech(c));
		}
		if (kind == ContentKind.VIDEO) {
			findings.sort(Comparator.comparing(f -> f.offset() != null ? f.offset() : f.start()));
		}
		List<ImageLibraryHit> libraries = r.libraryHits() == null ? null
				: r.libraryHits()
					.stream()
					.map(h -> new ImageLibraryHit(h.libCode(), h.libName(), h.context()))
					.toList();
		List<FailedFrame> failedFrames = r.failedFrames() == null ? null
				: r.failedFrames()
					.stream()
					.map(f -> new FailedFrame(f.offsetSeconds(), f.url(), f.code(), f.message()))
					.toList();
		return new MediaDocument(r.taskId(), r.dataId(), kind.wire(), verdict.suggestion, verdict.label, verdict.rate,
				findings, text, libraries, failedFrames, r.humanVerdict());
	}

	private static List<Finding> speech(JobResult.MediaCheck check) {
		List<Finding> out = new ArrayList<>();
		for (JobResult.SpeechHit hit : check.hits() == null ? List.<JobResult.SpeechHit>of() : check.hits()) {
			LibraryRef library = hit.library() == null ? null
					: new LibraryRef(parseId(hit.library().code()), hit.library().name());
			Match match = new Match(hit.text(), null, library, hit.rule());
			out.add(new Finding("speech", hit.label(), hit.suggestion(), null, null, null, hit.startSeconds(),
					hit.endSeconds(), hit.utterance(), List.of(match), null, null));
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

	/** The most serious part: its suggestion, label and rate. */
	/**
	 * Adds a finding per flagged image check, or one that holds evidence (QR codes, hit
	 * words), and weighs every check into {@code verdict}; returns the OCR text, if any.
	 * A sync result shows a QR check's empty code list as {@code []}, a job result leaves
	 * it out ({@code emptyQrcodes}): both are documented as they are.
	 */
	private static List<String> imageFindings(List<ModerationResult.Check> checks, Verdict verdict,
			List<Finding> findings, boolean emptyQrcodes) {
		List<String> text = null;
		for (ModerationResult.Check c : checks) {
			verdict.consider(c.suggestion(), c.label(), c.rate());
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
			if (c.qrcodes() != null && (emptyQrcodes || !c.qrcodes().isEmpty())) {
				java.util.Map<String, Box> boxes = new java.util.LinkedHashMap<>();
				c.qrcodes().forEach(q -> boxes.putIfAbsent(q.data(), new Box(q.x(), q.y(), q.w(), q.h())));
				qrcodes = boxes.entrySet().stream().map(e -> new QrCode(e.getKey(), e.getValue())).toList();
			}
			findings.add(new Finding(c.name(), c.label(), c.suggestion(), c.rate(), null, null, null, null, null,
					matches, qrcodes, frames));
		}
		return text;
	}

	private static final class Verdict {

		Suggestion suggestion = Suggestion.PASS;

		String label = "normal";

		double rate = 99.9;

		void consider(Suggestion s, String label, double rate) {
			if (s.compareTo(suggestion) > 0) {
				suggestion = s;
				this.label = label;
				this.rate = rate;
			}
		}

	}

}
