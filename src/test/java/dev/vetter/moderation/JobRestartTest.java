package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vetter.VetterApplication;
import dev.vetter.detection.MediaFixtures;
import dev.vetter.platform.ContentKind;
import dev.vetter.support.Await;
import dev.vetter.tenancy.TenantDirectory;

/**
 * A job interrupted by a stop mid-way runs to its end on the next start: two real starts
 * of the application on the same embedded database, the first stopped while the job is
 * between frames.
 */
class JobRestartTest {

	@Test
	void aJobStoppedMidWaySurvivesARestart() throws Exception {
		Path work = Files.createTempDirectory("vetter-restart-jobs");
		Path video = MediaFixtures.video(work.resolve("long.mp4"), 20, 2, 320, 240, MediaFixtures.Codec.H264, null);
		try (MediaFiles media = new MediaFiles()) {
			String url = media.file(video);
			String[] common = { "--server.port=0", "--vetter.embedded-db.data-dir=" + work.resolve("pgdata"),
					"--vetter.security.master-key-file=" + work.resolve("master.key"),
					"--vetter.bootstrap.tenant-uid=4343", "--vetter.bootstrap.access-key-id=LTAIjobrestart",
					"--vetter.bootstrap.access-key-secret=job-restart-secret",
					"--vetter.security.allow-private-targets=true", "--vetter.jobs.poll-interval=100ms",
					"--vetter.jobs.retry-delay=100ms", "--vetter.jobs.heartbeat-interval=1s",
					"--spring.main.banner-mode=off" };
			String taskId;
			long tenantId;
			try (ConfigurableApplicationContext first = SpringApplication.run(VetterApplication.class, common)) {
				tenantId = first.getBean(TenantDirectory.class).tenantByUid(4343).id();
				AsyncJobs jobs = first.getBean(AsyncJobs.class);
				taskId = jobs.submit(tenantId, List.of(new JobRequest(ContentKind.VIDEO, null, "r1", url, null,
						// the porn scene keeps each frame busy long enough to stop the
						// job
						// mid-way (OCR of a frame without writing takes one pass only)
						"{\"scenes\":[\"ocr\",\"qrcode\",\"porn\"],\"interval\":1}")), null, null)
					.get(0)
					.taskId();
				Await.until(() -> jobs.job(tenantId, taskId).orElseThrow(),
						j -> j.state() == JobState.PROCESSING && j.progress().framesDone() >= 2, "the job mid-way",
						Await.MEDIA_JOB);
			}
			try (ConfigurableApplicationContext second = SpringApplication.run(VetterApplication.class, common)) {
				AsyncJobs jobs = second.getBean(AsyncJobs.class);
				assertThat(jobs.job(tenantId, taskId).orElseThrow().state()).isIn(JobState.PROCESSING, JobState.QUEUED);
				JobAnswer done = Await.until(() -> jobs.result(tenantId, ContentKind.VIDEO, taskId),
						r -> r.code() != 280, "the job's result after the restart", Await.MEDIA_JOB);
				assertThat(done.code()).isEqualTo(200);
				AsyncJob job = jobs.job(tenantId, taskId).orElseThrow();
				assertThat(job.state()).isEqualTo(JobState.DONE);
				assertThat(job.attempts()).isEqualTo(2);
				assertThat(job.progress().framesDone()).isEqualTo(20);
			}
		}
	}

}
