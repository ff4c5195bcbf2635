package dev.vetter.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.platform.ProblemCode;

/**
 * One task's result document: the {@code data[i]} object of Green's scan and results
 * APIs, which is also the {@code content} of a callback. Human verdicts add
 * {@code auditResult} (our documented extension).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskResult(int code, String msg, String dataId, String taskId, String content, String filteredContent,
		String url, List<SceneResult> results, AuditResult auditResult, Map<String, Object> extras) {

	public TaskResult(int code, String msg, String dataId, String taskId, String content, String filteredContent,
			String url, List<SceneResult> results, AuditResult auditResult) {
		this(code, msg, dataId, taskId, content, filteredContent, url, results, auditResult, null);
	}

	/**
	 * A result per scene. The image fields ({@code frames} .. {@code ocrData}) are null
	 * for text.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SceneResult(String scene, String label, String suggestion, double rate, List<Detail> details,
			List<Frame> frames, List<HintWord> hintWordsInfo, List<String> qrcodeData,
			List<QrcodeLocation> qrcodeLocations, List<String> ocrData) {

		public SceneResult(String scene, String label, String suggestion, double rate, List<Detail> details) {
			this(scene, label, suggestion, rate, details, null, null, null, null, null);
		}
	}

	/** A frame of an animated image that gave the scene's label. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Frame(String url, double rate, Integer index, Long offset) {
	}

	/** A word (or phrase) of the image's text that was hit. */
	public record HintWord(String context) {
	}

	/** Where a QR code is, in the original image's pixels. */
	public record QrcodeLocation(int x, int y, int w, int h, String qrcode) {
	}

	/** Findings under one label. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Detail(String label, List<Context> contexts) {
	}

	/** A matched text with its positions and, for library hits, the library. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Context(String context, List<Position> positions, String libName, String libCode, String ruleType) {
	}

	/** Offsets in the original text, end exclusive. */
	public record Position(int startPos, int endPos) {
	}

	/**
	 * The human verdict.
	 *
	 * @param reviews how many human decisions led to it
	 */
	public record AuditResult(String suggestion, List<String> labels, String note, Instant reviewedAt, int reviews) {
	}

	public static TaskResult error(ProblemCode code, String msg, String dataId) {
		return new TaskResult(code.greenCode(), msg, dataId, null, null, null, null, null, null);
	}

	/** Code 280: a human has not decided yet. */
	public static TaskResult processing(String dataId, String taskId) {
		return new TaskResult(280, "PROCESSING", dataId, taskId, null, null, null, null, null);
	}

	/** The machine result of a text scan, one entry per requested scene. */
	public static TaskResult ofText(TextVerdict verdict, String dataId, List<String> scenes) {
		List<Detail> details = verdict.findings().isEmpty() ? null : verdict.findings()
			.stream()
			.map(f -> new Detail(f.label(), f.contexts()
				.stream()
				.map(c -> new Context(c.context(), c.positions().stream().map(p -> new Position(p[0], p[1])).toList(),
						c.library() == null ? null : c.library().name(),
						c.library() == null ? null : c.library().code(), c.library() == null ? null : "content"))
				.toList()))
			.toList();
		List<SceneResult> results = new ArrayList<>(scenes.size());
		for (String scene : scenes) {
			results.add(new SceneResult(scene, verdict.label(), verdict.suggestion().wire(), verdict.rate(), details));
		}
		return new TaskResult(200, "OK", dataId, verdict.taskId(), verdict.content(), verdict.filteredContent(), null,
				results, null);
	}

	public TaskResult withAudit(AuditResult audit) {
		return new TaskResult(code, msg, dataId, taskId, content, filteredContent, url, results, audit, extras);
	}
}
