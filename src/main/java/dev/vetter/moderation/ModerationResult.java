package dev.vetter.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.Suggestion;

/**
 * One task's result in Vetter's own vocabulary: its state, and once the machine (or a
 * person) answered, one {@link Check} per analysis the caller asked for (its suggestion,
 * label and rate, and the evidence: text findings with positions, frames, words, QR codes
 * with boxes, recognised text), the custom image library entries matched and the human
 * verdict. This is what moderation works with and stores; each wire API maps it to its
 * own document (Green API 1.0 and 2.0 in {@code api}, the native documents in
 * {@code moderation.web}).
 *
 * @param failure why the task has no result ({@link State#FAILED} only)
 * @param content the text as sent (text tasks; human-only text tasks once decided)
 * @param filteredContent the text with hits masked (machine text results)
 * @param url the media URL, when the task had one
 * @param checks per analysis asked, in request order (null until there is a result)
 * @param libraryHits custom image library entries matched, or null
 * @param humanVerdict the final human verdict, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModerationResult(String taskId, String dataId, State state, Failure failure, String content,
		String filteredContent, String url, List<Check> checks, List<LibraryHit> libraryHits,
		HumanVerdict humanVerdict) {

	/** Where the task stands. */
	public enum State {

		/** queued (asynchronous or human-only); follow it by its task id */
		ACCEPTED,
		/** waiting for people (a human-only task nobody decided yet) */
		PENDING,
		/** answered: {@code checks} holds the result */
		DONE,
		/** no result: see {@code failure} */
		FAILED

	}

	/**
	 * Why a task has no result.
	 *
	 * @param problem the stable problem of the native API
	 * @param code the precise per-task status code (as the wire APIs report it: 400, 404,
	 * 480, 586, 589, 590, 592, 594, ...)
	 */
	public record Failure(ProblemCode problem, int code, String message) {

		public static Failure of(ProblemCode problem, String message) {
			return new Failure(problem, problem.greenCode(), message);
		}

		/** A failure known by its per-task status code. */
		public static Failure ofCode(int code, String message) {
			return new Failure(code == 404 ? ProblemCode.NOT_FOUND : ProblemCode.ofGreenTaskCode(code), code, message);
		}

	}

	/**
	 * The answer of one analysis ({@code antispam} for text; {@code porn}, {@code ad},
	 * {@code qrcode}, {@code ocr}, ... for images). The evidence members are null when
	 * the analysis gives none.
	 *
	 * @param label {@code normal} when nothing was found
	 * @param rate confidence 0..100
	 * @param textFindings what was found in a text, per label
	 * @param frames frames of an animated image that gave the label
	 * @param hintWords words of the image's text that were hit
	 * @param qrcodes QR codes with their boxes
	 * @param ocrText the recognised lines ({@code ocr})
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Check(String name, String label, Suggestion suggestion, double rate, List<TextFinding> textFindings,
			List<FrameHit> frames, List<String> hintWords, List<QrCode> qrcodes, List<String> ocrText) {

		public static Check of(String name, String label, Suggestion suggestion, double rate) {
			return new Check(name, label, suggestion, rate, null, null, null, null, null);
		}

	}

	/**
	 * Everything found in a text under one label.
	 *
	 * @param suggestion the policy's suggestion for the label (null in results stored
	 * before it was kept)
	 * @param rate the label's highest rate (null likewise)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TextFinding(String label, Suggestion suggestion, Double rate, List<Match> matches) {
	}

	/**
	 * A matched text.
	 *
	 * @param positions where it occurs in the original text
	 * @param library the custom library hit, or null
	 * @param rule the rule that fired ({@code url}, {@code phone}, ...), or null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Match(String text, List<Position> positions, LibraryRef library, String rule) {
	}

	/** UTF-16 offsets in the original text, end exclusive. */
	public record Position(int start, int end) {
	}

	/** A custom library. */
	public record LibraryRef(long id, String name, String code) {
	}

	/**
	 * A frame that gave a check's label.
	 *
	 * @param url where the frame can be fetched, or null
	 * @param index the frame's index in an animated image
	 * @param offsetMillis the frame's time in an animated image
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FrameHit(String url, double rate, Integer index, Long offsetMillis) {
	}

	/** A QR code's content and its box in the original image's pixels. */
	public record QrCode(String data, int x, int y, int w, int h) {
	}

	/** A custom image library entry that was matched. */
	public record LibraryHit(String context, String libCode, String libName) {
	}

	/**
	 * The final human verdict.
	 *
	 * @param reviews how many human decisions led to it
	 */
	public record HumanVerdict(String suggestion, List<String> labels, String note, Instant reviewedAt, int reviews) {
	}

	/** A task queued under {@code taskId}. */
	public static ModerationResult accepted(String dataId, String taskId, String url) {
		return new ModerationResult(taskId, dataId, State.ACCEPTED, null, null, null, url, null, null, null);
	}

	/** A human-only task nobody decided yet. */
	public static ModerationResult pending(String dataId, String taskId) {
		return new ModerationResult(taskId, dataId, State.PENDING, null, null, null, null, null, null, null);
	}

	/** A task without result. */
	public static ModerationResult failed(Failure failure, String dataId, String taskId, String url) {
		return new ModerationResult(taskId, dataId, State.FAILED, failure, null, null, url, null, null, null);
	}

	/** A task refused before it got a task id. */
	public static ModerationResult refused(ProblemCode problem, String message, String dataId) {
		return failed(Failure.of(problem, message), dataId, null, null);
	}

	/** The machine result of a text scan: the verdict under each analysis asked. */
	public static ModerationResult ofText(TextVerdict verdict, String dataId, List<String> analyses) {
		List<TextFinding> findings = verdict.findings().isEmpty() ? null : verdict.findings()
			.stream()
			.map(f -> new TextFinding(f.label(), f.suggestion(), f.rate(), f.contexts()
				.stream()
				.map(c -> new Match(c.context(), c.positions().stream().map(p -> new Position(p[0], p[1])).toList(),
						c.library() == null ? null
								: new LibraryRef(c.library().id(), c.library().name(), c.library().code()),
						c.rule()))
				.toList()))
			.toList();
		List<Check> checks = new ArrayList<>(analyses.size());
		for (String analysis : analyses) {
			checks.add(new Check(analysis, verdict.label(), verdict.suggestion(), verdict.rate(), findings, null, null,
					null, null));
		}
		return new ModerationResult(verdict.taskId(), dataId, State.DONE, null, verdict.content(),
				verdict.filteredContent(), null, checks, null, null);
	}

	public boolean ok() {
		return state != State.FAILED;
	}

	/** The first check's suggestion (what a callback is filed under), or null. */
	public Suggestion firstSuggestion() {
		return checks == null || checks.isEmpty() ? null : checks.get(0).suggestion();
	}

	public ModerationResult withHumanVerdict(HumanVerdict verdict) {
		return new ModerationResult(taskId, dataId, state, failure, content, filteredContent, url, checks, libraryHits,
				verdict);
	}

}
