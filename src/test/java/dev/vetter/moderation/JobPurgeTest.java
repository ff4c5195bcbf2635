package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.moderation.internal.JobPurge;
import dev.vetter.moderation.internal.TaskPurge;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * Retention of jobs and their blobs: past {@code vetter.jobs.result-retention} a finished
 * job answers 594 and its media is deleted, while a job in review keeps it; once the
 * reviewed task is purged ({@code vetter.retention.tasks}) its job and blobs go too.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class JobPurgeTest {

	@LocalServerPort
	int port;

	@Autowired
	JobPurge jobPurge;

	@Autowired
	TaskPurge taskPurge;

	@Autowired
	BlobStore blobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private String upload(Fixtures.TenantKey tenant, String wav) {
		Api.Response accepted = tenant.api()
			.upload("/v1/voice/moderations", Map.of(), wav, MediaFiles.bytes("media/speech/" + wav));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String taskId = accepted.json().get("taskId").asString();
		Await.until(() -> tenant.api().get("/v1/jobs/" + taskId).json(),
				j -> !List.of("QUEUED", "PROCESSING").contains(j.get("state").asString()), "job " + taskId,
				Await.MEDIA_JOB);
		return taskId;
	}

	private BlobKey media(String taskId) {
		return new BlobKey(jdbc.sql("select blob_key from moderation_jobs where task_id = :id")
			.param("id", taskId)
			.query(String.class)
			.single());
	}

	@Test
	void anExpiredJobAnswers594AndLosesItsBlobsWhileAJobInReviewKeepsItsOwn() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"customized\"]");
		long lib = Fixtures.reviewWords(tenant.api(), "watch", "bank account");
		String clean = upload(tenant, "weather.wav");
		String reviewed = upload(tenant, "phishing.wav");
		assertThat(tenant.api().get("/v1/jobs/" + clean).json().get("state").asString()).isEqualTo("DONE");
		assertThat(tenant.api().get("/v1/jobs/" + reviewed).json().get("state").asString()).isEqualTo("REVIEWING");
		BlobKey cleanMedia = media(clean);
		BlobKey reviewedMedia = media(reviewed);

		clock.shift(Duration.ofHours(25));
		JobPurge.Purged purged = jobPurge.purgeExpired();

		assertThat(purged.resultsExpired()).isPositive();
		JsonNode expired = tenant.api().get("/v1/jobs/" + clean).json();
		assertThat(expired.at("/result/code").asInt()).isEqualTo(594);
		assertThat(expired.at("/error/code").asString()).isEqualTo("expired");
		assertThat(blobs.exists(cleanMedia)).as("the expired job's media is deleted").isFalse();
		assertThat(tenant.api().get("/v1/tasks/" + clean + "/media").status()).isEqualTo(404);
		assertThat(blobs.exists(reviewedMedia)).as("a job in review keeps its media").isTrue();
		assertThat(tenant.api().get("/v1/tasks/" + reviewed + "/media").status()).isEqualTo(200);
		assertThat(jobPurge.purgeExpired().resultsExpired()).as("nothing left to expire").isZero();

		// people decide; once the task is past vetter.retention.tasks, it goes with its
		// job and blobs
		Api reviewer = fx.reviewer(tenant.uid());
		long item = Fixtures.claim(reviewer);
		assertThat(Fixtures.decide(reviewer, item, "{\"suggestion\":\"pass\",\"labels\":[]}").status()).isEqualTo(200);
		Await.until(() -> tenant.api().get("/v1/jobs/" + reviewed).json().get("state").asString(), "DONE"::equals,
				"the reviewed job done");
		clock.shift(Duration.ofDays(91));
		assertThat(taskPurge.purgeExpired()).isPositive();
		assertThat(blobs.exists(reviewedMedia)).as("the purged task's media is deleted").isFalse();
		assertThat(tenant.api().get("/v1/jobs/" + reviewed).status()).isEqualTo(404);
		// the other job's row goes with vetter.retention.tasks as well
		assertThat(jobPurge.purgeExpired().rowsDeleted()).isPositive();
		assertThat(tenant.api().get("/v1/jobs/" + clean).status()).isEqualTo(404);
	}

}
