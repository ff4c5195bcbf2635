package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.aliyuncs.green.model.v20180509.VoiceAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceCancelScanRequest;

import dev.vetter.review.ReviewDecided;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;

/**
 * Asynchronous audio moderation end to end through Alibaba's Java SDK: committed eSpeak
 * NG clips served by a local HTTP server, real speech recognition and text engine, real
 * PostgreSQL and db-scheduler; cancel with a reviewer holding the item.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class VoiceJobsTest {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@Autowired
	AsyncJobs jobs;

	@Autowired
	HumanReview humanReview;

	@Autowired
	TenantDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	private static String submit(Fixtures.TenantKey tenant, String wav, String dataId) {
		JsonNode r = tenant.sdk()
			.call(new VoiceAsyncScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"" + dataId + "\",\"url\":\""
							+ media.resource("media/speech/" + wav) + "\"}]}")
			.json();
		assertThat(r.get("code").asInt()).as(r.toString()).isEqualTo(200);
		assertThat(r.at("/data/0/code").asInt()).as(r.toString()).isEqualTo(200);
		return r.at("/data/0/taskId").asString();
	}

	private static JsonNode result(Fixtures.TenantKey tenant, String taskId) {
		return tenant.sdk().call(new VoiceAsyncScanResultsRequest(), "[\"" + taskId + "\"]").json().at("/data/0");
	}

	private static JsonNode finished(Fixtures.TenantKey tenant, String taskId) {
		return Await.until(() -> result(tenant, taskId), d -> d.get("code").asInt() != 280, "the result of " + taskId,
				Await.MEDIA_JOB);
	}

	private static long library(Fixtures.TenantKey tenant, String action, String phrase) {
		long lib = tenant.api()
			.post("/v1/libraries",
					"{\"name\":\"spoken-" + action.toLowerCase() + "\",\"kind\":\"TEXT\",\"action\":\"" + action
							+ "\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"" + phrase + "\"]}");
		return lib;
	}

	@Test
	void aBlockLibraryPhraseIsFlaggedWithTheSecondsItWasSpokenAndTheReadOutPhoneNumberToo() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant, "BLOCK", "bank account");
		String taskId = submit(tenant, "all.wav", "all-1");

		JsonNode data = finished(tenant, taskId);
		assertThat(data.get("code").asInt()).as(data.toString()).isEqualTo(200);
		assertThat(data.get("taskId").asString()).isEqualTo(taskId);
		assertThat(data.get("dataId").asString()).isEqualTo("all-1");
		JsonNode scene = data.at("/results/0");
		assertThat(scene.get("scene").asString()).isEqualTo("antispam");
		assertThat(scene.get("suggestion").asString()).isEqualTo("block");
		JsonNode bank = null;
		JsonNode phone = null;
		for (JsonNode d : scene.get("details")) {
			if ("spoken-block".equals(d.path("libName").asString(null))) {
				bank = d;
			}
			if (d.get("keyword").asString().contains("5550199")) {
				phone = d;
			}
		}
		assertThat(bank).as(scene.toString()).isNotNull();
		assertThat(bank.get("keyword").asString()).isEqualTo("bank account");
		// all.wav: threat 0-1.28, gap, phone 1.98-5.74, gap, phishing 6.44-9.89, gap,
		// weather
		assertThat(bank.get("startTime").asDouble()).isBetween(6.44, 9.89);
		assertThat(bank.get("endTime").asDouble()).isBetween(bank.get("startTime").asDouble(), 9.95);
		assertThat(bank.get("text").asString()).contains("bank account");
		assertThat(phone).as("spoken digits normalised before the contact rules: " + scene).isNotNull();
		assertThat(phone.get("startTime").asDouble()).isBetween(1.9, 5.8);
		assertThat(phone.get("endTime").asDouble()).isBetween(phone.get("startTime").asDouble(), 5.8);
	}

	@Test
	void aCleanClipPasses() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String taskId = submit(tenant, "weather.wav", "clean");
		JsonNode data = finished(tenant, taskId);
		assertThat(data.get("code").asInt()).as(data.toString()).isEqualTo(200);
		assertThat(data.at("/results/0/suggestion").asString()).isEqualTo("pass");
		assertThat(data.at("/results/0/details").isMissingNode()).isTrue();
		assertThat(
				jobs.job(directory.tenantByUid(tenant.uid()).id(), taskId).orElseThrow().progress().audioSecondsDone())
			.isGreaterThan(1.5);
	}

	@Test
	void notMediaAndUnreachableUrlsFailTheirTaskWithItsOwnCode() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String notMedia = media.serve("/notes.txt", "just some text, not audio".getBytes());
		JsonNode r = tenant.sdk()
			.call(new VoiceAsyncScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"a\",\"url\":\"" + notMedia
							+ "\"},{\"dataId\":\"b\",\"url\":\"" + media.serve("/x", new byte[0]).replace("/x", "/gone")
							+ "\"},{\"dataId\":\"c\"}]}")
			.json();
		assertThat(r.at("/data/2/code").asInt()).as("no url").isEqualTo(400);
		JsonNode a = finished(tenant, r.at("/data/0/taskId").asString());
		JsonNode b = finished(tenant, r.at("/data/1/taskId").asString());
		assertThat(a.get("code").asInt()).as(a.toString()).isEqualTo(590);
		assertThat(b.get("code").asInt()).as(b.toString()).isEqualTo(480);
	}

	@Test
	void cancelWithdrawsTheReviewItemAndNoVerdictIsEverRecordedOrDelivered() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		long tenantId = directory.tenantByUid(tenant.uid()).id();
		library(tenant, "REVIEW", "password");
		Api reviewer = fx.reviewer(tenant.uid());
		String taskId = submit(tenant, "phishing.wav", "race");
		Await.until(() -> jobs.job(tenantId, taskId).orElseThrow().state(), s -> s == JobState.REVIEWING,
				"the job escalated to people", Await.MEDIA_JOB);
		// the machine result is answered while people review it
		assertThat(result(tenant, taskId).get("code").asInt()).isEqualTo(200);

		long item = Fixtures.claim(reviewer);
		JsonNode cancel = tenant.sdk()
			.call(new VoiceCancelScanRequest(), "[\"" + taskId + "\", \"auNoSuchTask\"]")
			.json();
		assertThat(cancel.get("code").asInt()).as(cancel.toString()).isEqualTo(200);
		assertThat(cancel.at("/data/0/code").asInt()).isEqualTo(200);
		assertThat(cancel.at("/data/1/code").asInt()).isEqualTo(404);

		Api.Response decided = Fixtures.decide(reviewer, item, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");
		assertThat(decided.status()).as(decided.body()).isEqualTo(409);
		assertThat(decided.body()).contains("withdrawn").contains("cancelled");

		// defence in depth: a verdict that was in flight when the cancel committed
		humanReview.on(new ReviewDecided(tenantId, taskId, dev.vetter.platform.ContentKind.VOICE, "block",
				List.of("abuse"), null, java.time.Instant.now(), 1));

		assertThat(jobs.job(tenantId, taskId).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
		JsonNode after = result(tenant, taskId);
		assertThat(after.get("code").asInt()).isEqualTo(410);
		assertThat(after.has("auditResult")).isFalse();
		assertThat(jdbc.sql("select count(*) from moderation_tasks where task_id = :id and audit_result is not null")
			.param("id", taskId)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from callback_deliveries where task_id = :id and lower(stream) = 'review'")
			.param("id", taskId)
			.query(Long.class)
			.single()).isZero();
	}

}
