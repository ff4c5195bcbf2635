package dev.vetter.api.green;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.moderation.ModerationResult;
import dev.vetter.platform.ProblemCode;

/**
 * One task's result document: the {@code data[i]} object of Green's scan and results
 * APIs, which is also the {@code content} of a callback. Human verdicts add
 * {@code auditResult} (our documented extension). Mapped from moderation's
 * {@link ModerationResult} by {@link #of(ModerationResult)}: a check is a scene result.
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

	/** The Green documents of results, in order. */
	public static List<TaskResult> of(List<ModerationResult> results) {
		return results.stream().map(TaskResult::of).toList();
	}

	/** The Green document of a result. */
	public static TaskResult of(ModerationResult r) {
		return switch (r.state()) {
			case ACCEPTED -> new TaskResult(200, "OK", r.dataId(), r.taskId(), null, null, r.url(), null, null);
			case PENDING -> new TaskResult(280, "PROCESSING", r.dataId(), r.taskId(), null, null, null, null, null);
			case FAILED -> new TaskResult(r.failure().code(), r.failure().message(), r.dataId(), r.taskId(), null, null,
					r.url(), null, null);
			case DONE -> new TaskResult(200, "OK", r.dataId(), r.taskId(), r.content(), r.filteredContent(), r.url(),
					r.checks() == null ? null : r.checks().stream().map(TaskResult::scene).toList(),
					r.humanVerdict() == null ? null : audit(r.humanVerdict()), extras(r.libraryHits()));
		};
	}

	/** The Green form of a human verdict. */
	public static AuditResult audit(ModerationResult.HumanVerdict v) {
		return new AuditResult(v.suggestion(), v.labels(), v.note(), v.reviewedAt(), v.reviews());
	}

	private static SceneResult scene(ModerationResult.Check c) {
		List<Detail> details = c.textFindings() == null ? null : c.textFindings()
			.stream()
			.map(f -> new Detail(f.label(), f.matches()
				.stream()
				.map(m -> new Context(m.text(),
						m.positions().stream().map(p -> new Position(p.start(), p.end())).toList(),
						m.library() == null ? null : m.library().name(),
						m.library() == null ? null : m.library().code(), m.library() == null ? null : "content"))
				.toList()))
			.toList();
		List<Frame> frames = c.frames() == null ? null
				: c.frames().stream().map(f -> new Frame(f.url(), f.rate(), f.index(), f.offsetMillis())).toList();
		List<String> qrcodeData = null;
		List<QrcodeLocation> qrcodeLocations = null;
		if (c.qrcodes() != null) {
			Set<String> data = new LinkedHashSet<>();
			c.qrcodes().forEach(q -> data.add(q.data()));
			qrcodeData = List.copyOf(data);
			qrcodeLocations = c.qrcodes()
				.stream()
				.map(q -> new QrcodeLocation(q.x(), q.y(), q.w(), q.h(), q.data()))
				.toList();
		}
		return new SceneResult(c.name(), c.label(), c.suggestion().wire(), c.rate(), details, frames,
				c.hintWords() == null ? null : c.hintWords().stream().map(HintWord::new).toList(), qrcodeData,
				qrcodeLocations, c.ocrText());
	}

	private static Map<String, Object> extras(List<ModerationResult.LibraryHit> hits) {
		if (hits == null || hits.isEmpty()) {
			return null;
		}
		return Map.of("hitLibInfo", hits.stream().map(h -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("context", h.context());
			m.put("libCode", h.libCode());
			m.put("libName", h.libName());
			return m;
		}).toList());
	}

}
