package dev.vetter.moderation;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.platform.ContentKind;
import dev.vetter.policy.Suggestion;

/**
 * The machine result of an asynchronous job (video, voice, image) in Vetter's own
 * vocabulary, as moderation builds and stores it ({@code moderation_jobs.result}, see
 * {@link StoredJobResults}): one {@link MediaCheck} per analysis asked with its evidence
 * (flagged frames with their offsets, speech hits with their start and end times), the
 * checks of an image job (as a synchronous image scan has them), custom image library
 * entries matched, client frames that could not be used, and the human verdict once
 * people decided. Each wire API maps it to its own document (Green API 1.0 and 2.0 in
 * {@code api}, the native document in {@code moderation.web}).
 *
 * @param kind video, voice or image
 * @param url the media URL the job was given, or null (uploads, client frames)
 * @param checks per analysis asked, in request order: the scenes over a video's frames,
 * or the speech analysis of a voice job (null for image jobs)
 * @param audioChecks the speech analysis of a video's audio track, or null when it was
 * not asked
 * @param imageChecks an image job's checks (null for video and voice)
 * @param libraryHits custom image library entries an image job matched, or null
 * @param failedFrames client frames that could not be used, or null
 * @param humanVerdict the final human verdict, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(String taskId, String dataId, ContentKind kind, String url, List<MediaCheck> checks,
		List<MediaCheck> audioChecks, List<ModerationResult.Check> imageChecks,
		List<ModerationResult.LibraryHit> libraryHits, List<FailedFrame> failedFrames,
		ModerationResult.HumanVerdict humanVerdict) {

	/**
	 * The answer of one analysis over a medium: the worst of its parts.
	 *
	 * @param name the analysis ({@code porn}, {@code qrcode}, ... over frames;
	 * {@code antispam} over speech)
	 * @param label {@code normal} when nothing was found
	 * @param rate confidence 0..100
	 * @param frames the frames that were flagged, by time (null when none)
	 * @param hits what was heard, by time (null when nothing)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MediaCheck(String name, String label, Suggestion suggestion, double rate, List<FrameHit> frames,
			List<SpeechHit> hits) {
	}

	/**
	 * A flagged frame of a video.
	 *
	 * @param offsetSeconds its time in the video (rounded to 10 ms)
	 * @param url where the kept frame can be fetched, or null
	 * @param qrcodes the contents of QR codes on it, or null
	 * @param hintWords the words of its text that were hit, or null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FrameHit(double offsetSeconds, String url, String label, Suggestion suggestion, double rate,
			List<String> qrcodes, List<String> hintWords) {
	}

	/**
	 * A finding in speech.
	 *
	 * @param startSeconds when it began (rounded to 10 ms)
	 * @param endSeconds when it ended
	 * @param utterance the utterance it was heard in
	 * @param text the matched text
	 * @param library the custom library hit, or null
	 * @param rule the rule that fired ({@code url}, {@code phone}, ...), or null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SpeechHit(double startSeconds, double endSeconds, String utterance, String label,
			Suggestion suggestion, String text, ModerationResult.LibraryRef library, String rule) {
	}

	/**
	 * A client frame that could not be used.
	 *
	 * @param code its per-task status code (480, 586, 589, 590, 592)
	 */
	public record FailedFrame(double offsetSeconds, String url, int code, String message) {
	}

	/** A video job's result. */
	public static JobResult video(AsyncJob job, List<MediaCheck> checks, List<MediaCheck> audioChecks,
			List<FailedFrame> failedFrames) {
		return new JobResult(job.taskId(), job.dataId(), ContentKind.VIDEO, job.url(), checks, audioChecks, null, null,
				failedFrames, null);
	}

	/** A voice job's result. */
	public static JobResult voice(AsyncJob job, MediaCheck speech) {
		return new JobResult(job.taskId(), job.dataId(), ContentKind.VOICE, job.url(), List.of(speech), null, null,
				null, null, null);
	}

	/** An image job's result: the checks of the image scan. */
	public static JobResult image(AsyncJob job, ModerationResult scan) {
		return new JobResult(job.taskId(), job.dataId(), ContentKind.IMAGE, job.url(), null, null, scan.checks(),
				scan.libraryHits(), null, null);
	}

	public JobResult withHumanVerdict(ModerationResult.HumanVerdict verdict) {
		return new JobResult(taskId, dataId, kind, url, checks, audioChecks, imageChecks, libraryHits, failedFrames,
				verdict);
	}

	/**
	 * The job's result as a task result (the machine result of an escalated job, as
	 * {@code GET /v1/tasks/{taskId}} and the task's callbacks report it): the checks
	 * without the audio track's; a flagged frame as a {@link ModerationResult.FrameHit}
	 * whose {@code offsetMillis} holds whole seconds and a speech hit as a text finding
	 * without matches — exactly what tasks stored before this model read as, so their
	 * documents stay the same.
	 */
	public ModerationResult toModerationResult() {
		List<ModerationResult.Check> out;
		if (imageChecks != null) {
			out = imageChecks;
		}
		else {
			out = new ArrayList<>();
			for (MediaCheck c : checks == null ? List.<MediaCheck>of() : checks) {
				List<ModerationResult.TextFinding> findings = c.hits() == null ? null
						: c.hits()
							.stream()
							.map(h -> new ModerationResult.TextFinding(h.label(), null, null, List.of()))
							.toList();
				List<ModerationResult.FrameHit> frames = c.frames() == null ? null
						: c.frames()
							.stream()
							.map(f -> new ModerationResult.FrameHit(f.url(), f.rate(), null, (long) f.offsetSeconds()))
							.toList();
				out.add(new ModerationResult.Check(c.name(), c.label(), c.suggestion(), c.rate(), findings, frames,
						null, null, null));
			}
		}
		return new ModerationResult(taskId, dataId, ModerationResult.State.DONE, null, null, null, url, out,
				libraryHits, humanVerdict);
	}

}
