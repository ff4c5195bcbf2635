package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaRejected;
import dev.vetter.platform.ContentKind;

/**
 * A job past its time limit answers one code, Alibaba's 581 TIMEOUT, whether the job
 * runner or the media decoder notices first.
 */
class JobDeadlineTest {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	static JobContext pastDeadline() {
		AsyncJob job = new AsyncJob("vi1", 1, ContentKind.VIDEO, null, null, "http://x.test/v.mp4", null, "{}",
				JobState.PROCESSING, 1, JobProgress.NONE, null, null, null, NOW, NOW, null);
		return new JobContext(job, () -> false, Clock.fixed(NOW, ZoneOffset.UTC), NOW.minusSeconds(1), p -> {
		});
	}

	@Test
	void theJobRunnerAndTheDecoderAnswerTheSameTimeoutCode() {
		JobContext context = pastDeadline();
		JobFailed runner = catchThrowableOfType(JobFailed.class, context::checkDeadline);
		MediaRejected decoder = catchThrowableOfType(MediaRejected.class, () -> context.workControl().checkDeadline());

		assertThat(runner.code()).isEqualTo(581).isEqualTo(JobFailed.TIMEOUT);
		assertThat(decoder.failure()).isEqualTo(MediaFailure.TIMEOUT);
		assertThat(decoder.failure().greenCode()).isEqualTo(runner.code());
	}

	@Test
	void beforeTheDeadlineNothingIsThrown() {
		AsyncJob job = pastDeadline().job();
		JobContext context = new JobContext(job, () -> false, Clock.fixed(NOW, ZoneOffset.UTC), NOW.plusSeconds(1),
				p -> {
				});
		context.checkDeadline();
		context.workControl().checkDeadline();
	}

}
