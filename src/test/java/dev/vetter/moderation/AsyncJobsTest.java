package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The generic job machinery with a plug-in handler for text (real text engine): submit,
 * run on db-scheduler, results 280 then 200, cancel while running, per-task cancel
 * answers, retention to 594, per-task parameter errors.
 */
@IntegrationTest
@TestPropertySource(properties = "vetter.roles=api,worker,console")
@Import(AsyncJobsTest.TextJobs.class)
class AsyncJobsTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class TextJobs {

		/**
		 * Text as a job: scans {@code params.text}; a text containing "hold" runs until
		 * the job is cancelled.
		 */
		@Bean
		JobHandler textJobHandler(TextModeration text) {
			JsonMapper json = JsonMapper.builder().build();
			return new JobHandler() {
				@Override
				public ContentKind kind() {
					return ContentKind.TEXT;
				}

				@Override
				public void validate(JobRequest request) {
					if (!json.readTree(request.params()).has("text")) {
						throw new InvalidInput("text is required");
					}
				}

				@Override
				public JobOutcome run(JobContext context) {
					String content = json.readTree(context.job().params()).get("text").asString();
					while (content.contains("hold")) {
						context.progress(new JobProgress(1, 10, 0, 0));
						context.checkCancelled();
						LockSupport.parkNanos(10_000_000L);
					}
					TextVerdict verdict = text.scan(context.job().tenantId(), context.job().bizType(), content);
					AsyncJob job = context.job();
					return new JobOutcome(
							new JobResult(job.taskId(), job.dataId(), ContentKind.TEXT, null,
									List.of(new JobResult.MediaCheck("antispam", verdict.label(), verdict.suggestion(),
											verdict.rate(), null, null)),
									null, null, null, null, null),
							verdict, Map.of("text", content));
				}
			};
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	AsyncJobs jobs;

	@Autowired
	TenantDirectory directory;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private long tenant() {
		return directory.tenantByUid(new Fixtures(port).tenant().uid()).id();
	}

	private String submit(long tenant, String params) {
		List<ModerationResult> r = jobs.submit(tenant,
				List.of(new JobRequest(ContentKind.TEXT, null, "d1", null, null, params)), null, null);
		assertThat(r.get(0).state()).isEqualTo(ModerationResult.State.ACCEPTED);
		return r.get(0).taskId();
	}

	@Test
	void aJobRunsOnTheWorkerAndItsResultIsAnsweredUntilRetentionEnds() {
		long tenant = tenant();
		String taskId = submit(tenant, "{\"text\":\"buy cheap pills at example.com\"}");
		JobAnswer done = Await.until(() -> jobs.result(tenant, ContentKind.TEXT, taskId), r -> r.code() != 280,
				"the job's result");
		assertThat(done.code()).isEqualTo(200);
		assertThat(done.taskId()).isEqualTo(taskId);
		assertThat(done.dataId()).isEqualTo("d1");
		assertThat(done.result().checks()).extracting(JobResult.MediaCheck::name).containsExactly("antispam");
		assertThat(jobs.defaultDocument(done).get("results")).asString().contains("antispam");
		assertThat(jobs.job(tenant, taskId).orElseThrow().state()).isEqualTo(JobState.DONE);
		// another kind, another tenant: unknown
		assertThat(jobs.result(tenant, ContentKind.VIDEO, taskId)).extracting(JobAnswer::code).isEqualTo(404);
		assertThat(jobs.result(tenant + 100_000, ContentKind.TEXT, taskId)).extracting(JobAnswer::code).isEqualTo(404);
		// finished: cancel is refused for this task alone
		List<JobAnswer> cancels = jobs.cancel(tenant, ContentKind.TEXT, List.of(taskId, "txtNoSuchTask"));
		assertThat(cancels.get(0)).extracting(JobAnswer::code).isEqualTo(409);
		assertThat(cancels.get(1)).extracting(JobAnswer::code).isEqualTo(404);

		clock.shift(Duration.ofHours(23));
		assertThat(jobs.result(tenant, ContentKind.TEXT, taskId)).extracting(JobAnswer::code).isEqualTo(200);
		clock.shift(Duration.ofHours(2));
		assertThat(jobs.result(tenant, ContentKind.TEXT, taskId)).extracting(JobAnswer::code).isEqualTo(594);
	}

	@Test
	void cancelStopsARunningJobPromptlyAndItStaysCancelled() {
		long tenant = tenant();
		String taskId = submit(tenant, "{\"text\":\"hold this\"}");
		Await.until(() -> jobs.job(tenant, taskId).orElseThrow(),
				j -> j.state() == JobState.PROCESSING && j.progress().framesDone() == 1, "the job running");
		assertThat(jobs.result(tenant, ContentKind.TEXT, taskId)).extracting(JobAnswer::code).isEqualTo(280);

		assertThat(jobs.cancel(tenant, ContentKind.TEXT, List.of(taskId)).get(0)).extracting(JobAnswer::code)
			.isEqualTo(200);
		// the worker thread is free again: a following job runs to its end
		String next = submit(tenant, "{\"text\":\"hello\"}");
		Await.until(() -> jobs.result(tenant, ContentKind.TEXT, next), r -> r.code() == 200, "the next job");
		assertThat(jobs.job(tenant, taskId).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
		assertThat(jobs.result(tenant, ContentKind.TEXT, taskId)).extracting(JobAnswer::code).isEqualTo(410);
		// cancelling again is fine
		assertThat(jobs.cancel(tenant, ContentKind.TEXT, List.of(taskId)).get(0)).extracting(JobAnswer::code)
			.isEqualTo(200);
	}

	@Test
	void badParametersFailTheirTaskOnly() {
		long tenant = tenant();
		List<ModerationResult> r = jobs.submit(tenant,
				List.of(new JobRequest(ContentKind.TEXT, null, "bad", null, null, "{}"),
						new JobRequest(ContentKind.TEXT, null, "good", null, null, "{\"text\":\"hi\"}"),
						new JobRequest(ContentKind.IMAGE, null, "nohandler", null, null, "{}")),
				null, null);
		assertThat(r.get(0).failure().code()).isEqualTo(400);
		assertThat(r.get(0).failure().message()).contains("text is required");
		assertThat(r.get(1).state()).isEqualTo(ModerationResult.State.ACCEPTED);
		assertThat(r.get(2).failure().code()).isEqualTo(400);
	}

}
