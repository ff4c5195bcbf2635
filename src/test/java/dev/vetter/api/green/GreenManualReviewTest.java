package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.green.model.v20180509.ImageAsyncManualScanRequest;
import com.aliyuncs.green.model.v20180509.ImageAsyncManualScanResultsRequest;
import com.aliyuncs.green.model.v20180509.TextAsyncManualScanRequest;
import com.aliyuncs.green.model.v20180509.TextAsyncManualScanResultsRequest;
import com.aliyuncs.green.model.v20180509.TextScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncManualScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncManualScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncManualScanRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncManualScanResultsRequest;

import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * Human-only and human-machine review through the Alibaba SDK, decided through the review
 * API.
 */
@IntegrationTest
// a worker fetches the media of human-only media tasks
@TestPropertySource(properties = "vetter.roles=api,worker,console")
class GreenManualReviewTest {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void everyManualEndpointAnswers596UntilManualReviewIsEnabled() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		List<AcsRequest<?>> submits = List.of(new TextAsyncManualScanRequest(), new ImageAsyncManualScanRequest(),
				new VideoAsyncManualScanRequest(), new VoiceAsyncManualScanRequest());
		for (AcsRequest<?> request : submits) {
			JsonNode json = tenant.sdk()
				.call(request, "{\"tasks\":[{\"dataId\":\"a\",\"content\":\"x\",\"url\":\"https://example.com/a\"}]}")
				.json();
			assertThat(json.get("code").asInt()).as(request.getClass().getSimpleName()).isEqualTo(596);
			assertThat(json.get("msg").asString()).contains("not enabled");
		}
		List<AcsRequest<?>> results = List.of(new TextAsyncManualScanResultsRequest(),
				new ImageAsyncManualScanResultsRequest(), new VideoAsyncManualScanResultsRequest(),
				new VoiceAsyncManualScanResultsRequest());
		for (AcsRequest<?> request : results) {
			JsonNode json = tenant.sdk().call(request, "[\"txt1\"]").json();
			assertThat(json.get("code").asInt()).as(request.getClass().getSimpleName()).isEqualTo(596);
		}
		Api.Response nativeSubmit = tenant.api()
			.post("/v1/manual-reviews", "{\"kind\":\"text\",\"tasks\":[{\"content\":\"x\"}]}");
		assertThat(nativeSubmit.status()).isEqualTo(403);
		assertThat(nativeSubmit.json().get("code").asString()).isEqualTo("manual-review-disabled");
	}

	@Test
	void humanOnlyTextTaskRoundTripsThroughTheSdkAndTheReviewApi() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\",\"ad\"]");
		Api reviewer = fx.reviewer(tenant.uid());

		JsonNode submitted = tenant.sdk()
			.call(new TextAsyncManualScanRequest(),
					"{\"tasks\":[{\"dataId\":\"m1\",\"content\":\"you are an idiot\"}]}")
			.json();
		assertThat(submitted.get("code").asInt()).isEqualTo(200);
		String taskId = submitted.at("/data/0/taskId").asString();
		assertThat(submitted.at("/data/0/dataId").asString()).isEqualTo("m1");

		JsonNode pending = tenant.sdk().call(new TextAsyncManualScanResultsRequest(), "[\"" + taskId + "\"]").json();
		assertThat(pending.at("/data/0/code").asInt()).isEqualTo(280);

		JsonNode item = reviewer.post("/v1/review/claims", "").json();
		assertThat(item.get("taskId").asString()).isEqualTo(taskId);
		assertThat(item.at("/content/text").asString()).isEqualTo("you are an idiot");
		Fixtures.decide(reviewer, item.get("id").asLong(),
				"{\"suggestion\":\"block\",\"labels\":[\"abuse\"],\"note\":\"insult\"}");

		JsonNode done = awaitCode200(tenant.sdk(), taskId);
		assertThat(done.get("dataId").asString()).isEqualTo("m1");
		assertThat(done.at("/results/0/scene").asString()).isEqualTo("antispam");
		assertThat(done.at("/results/0/label").asString()).isEqualTo("abuse");
		assertThat(done.at("/results/0/suggestion").asString()).isEqualTo("block");
		assertThat(done.at("/results/0/rate").asDouble()).isEqualTo(100.0);
		assertThat(done.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(done.at("/auditResult/note").asString()).isEqualTo("insult");
		assertThat(done.at("/auditResult/reviews").asInt()).isEqualTo(1);
		assertThat(done.at("/auditResult/reviewedAt").asString()).isNotBlank();
	}

	@Test
	void resultsAreKeptForTheRetentionPeriodThen594() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String taskId = tenant.sdk()
			.call(new TextAsyncManualScanRequest(), "{\"tasks\":[{\"content\":\"hello\"}]}")
			.json()
			.at("/data/0/taskId")
			.asString();
		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"pass\"}");
		awaitCode200(tenant.sdk(), taskId);

		// signed requests carry the real Date, so age the result instead of moving the
		// server clock
		ageResult(taskId, Duration.ofDays(29));
		assertThat(results(tenant.sdk(), taskId).get("code").asInt()).isEqualTo(200);
		ageResult(taskId, Duration.ofDays(2));
		assertThat(results(tenant.sdk(), taskId).get("code").asInt()).isEqualTo(594);
		assertThat(tenant.api().get("/v1/tasks/" + taskId).json().get("code").asString()).isEqualTo("expired");
	}

	private void ageResult(String taskId, Duration by) {
		jdbc.sql("update moderation_tasks set completed_at = completed_at - cast(:age as interval) where task_id = :id")
			.param("age", by.toSeconds() + " seconds")
			.param("id", taskId)
			.update();
	}

	@Test
	void unknownAndForeignTaskIdsAre404AndBadBodiesAreRefused() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey owner = fx.manualTenant(1, "[\"abuse\"]");
		Fixtures.TenantKey other = fx.manualTenant(1, "[\"abuse\"]");
		String taskId = owner.sdk()
			.call(new TextAsyncManualScanRequest(), "{\"tasks\":[{\"content\":\"mine\"}]}")
			.json()
			.at("/data/0/taskId")
			.asString();

		assertThat(results(other.sdk(), taskId).get("code").asInt()).isEqualTo(404);
		assertThat(results(owner.sdk(), "txtNoSuchTask").get("code").asInt()).isEqualTo(404);
		assertThat(owner.sdk()
			.call(new TextAsyncManualScanResultsRequest(), "{\"not\":\"array\"}")
			.json()
			.get("code")
			.asInt()).isEqualTo(400);
		JsonNode perTask = owner.sdk()
			.call(new TextAsyncManualScanRequest(),
					"{\"tasks\":[{\"dataId\":\"ok\",\"content\":\"fine\"},{\"dataId\":\"nocontent\"},{\"content\":\""
							+ "x".repeat(10_001) + "\"}]}")
			.json();
		assertThat(perTask.at("/data/0/code").asInt()).isEqualTo(200);
		assertThat(perTask.at("/data/1/code").asInt()).isEqualTo(400);
		assertThat(perTask.at("/data/2/code").asInt()).isEqualTo(589);
		JsonNode badCallback = owner.sdk()
			.call(new TextAsyncManualScanRequest(),
					"{\"callback\":\"https://receiver.example/cb\",\"tasks\":[{\"content\":\"x\"}]}")
			.json();
		assertThat(badCallback.get("code").asInt()).isEqualTo(400);
		assertThat(badCallback.get("msg").asString()).contains("seed");
	}

	@Test
	void imageTasksKeepTheirUrlForReviewers() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"porn\",\"ad\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		JsonNode submitted = tenant.sdk()
			.call(new ImageAsyncManualScanRequest(),
					"{\"tasks\":[{\"dataId\":\"i1\",\"url\":\"https://cdn.example/a.jpg\"},{\"dataId\":\"i2\",\"url\":\"ftp://x/y\"}]}")
			.json();
		assertThat(submitted.at("/data/0/url").asString()).isEqualTo("https://cdn.example/a.jpg");
		assertThat(submitted.at("/data/1/code").asInt()).isEqualTo(400);

		// queued once the fetch of its media gave up (the name does not resolve)
		Await.queued(port, tenant.uid(), 1);
		JsonNode item = reviewer.post("/v1/review/claims", "").json();
		assertThat(item.get("kind").asString()).isEqualTo("image");
		assertThat(item.at("/content/url").asString()).isEqualTo("https://cdn.example/a.jpg");
		assertThat(item.at("/content/mediaError").asString()).startsWith("download failed: unresolved");
		Fixtures.decide(reviewer, item.get("id").asLong(), "{\"suggestion\":\"block\",\"labels\":[\"porn\"]}");
		String taskId = submitted.at("/data/0/taskId").asString();
		JsonNode done = awaitResult(tenant.sdk(), new ImageAsyncManualScanResultsRequest(), taskId);
		assertThat(done.at("/results/0/scene").asString()).isEqualTo("porn");
		assertThat(done.get("url").asString()).isEqualTo("https://cdn.example/a.jpg");
	}

	@Test
	void humanMachineReviewLibraryHitAnswersReviewAtOnceAndTheHumanVerdictBecomesFinal() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\",\"customized\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		long lib = Fixtures.reviewWords(tenant.api(), "suspicious", "flibbertigibbet");

		JsonNode scan = tenant.sdk()
			.call(new TextScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"hm1\",\"content\":\"what a flibbertigibbet\"}]}")
			.json();
		assertThat(scan.at("/data/0/results/0/suggestion").asString()).isEqualTo("review");
		String taskId = scan.at("/data/0/taskId").asString();

		JsonNode item = reviewer.post("/v1/review/claims", "").json();
		assertThat(item.get("taskId").asString()).isEqualTo(taskId);
		assertThat(item.at("/content/machine/results/0/suggestion").asString()).isEqualTo("review");
		Fixtures.decide(reviewer, item.get("id").asLong(), "{\"suggestion\":\"block\",\"labels\":[\"customized\"]}");

		JsonNode task = Await.audited(tenant.api(), taskId);
		assertThat(task.at("/results/0/suggestion").asString()).as("machine result kept").isEqualTo("review");
		assertThat(task.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(task.get("dataId").asString()).isEqualTo("hm1");
	}

	@Test
	void withoutManualReviewNothingEscalates() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.tenant();
		long lib = Fixtures.reviewWords(tenant.api(), "suspicious", "flibbertigibbet");

		JsonNode scan = tenant.sdk()
			.call(new TextScanRequest(), "{\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"flibbertigibbet\"}]}")
			.json();

		assertThat(scan.at("/data/0/results/0/suggestion").asString()).isEqualTo("review");
		assertThat(tenant.api().get("/v1/tasks/" + scan.at("/data/0/taskId").asString()).status()).isEqualTo(404);
	}

	@Test
	void auditSampleOfPassResultsIsDeterministic() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		tenant.api().put("/v1/biz-types/audited", "{\"escalation\":{\"auditSampleRate\":1.0}}");
		tenant.api().put("/v1/biz-types/unaudited", "{\"escalation\":{\"auditSampleRate\":0.0}}");

		JsonNode audited = tenant.sdk()
			.call(new TextScanRequest(),
					"{\"bizType\":\"audited\",\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"lovely day\"}]}")
			.json();
		JsonNode unaudited = tenant.sdk()
			.call(new TextScanRequest(),
					"{\"bizType\":\"unaudited\",\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"lovely day\"}]}")
			.json();

		assertThat(audited.at("/data/0/results/0/suggestion").asString()).isEqualTo("pass");
		assertThat(tenant.api().get("/v1/tasks/" + audited.at("/data/0/taskId").asString()).status()).isEqualTo(200);
		assertThat(tenant.api().get("/v1/tasks/" + unaudited.at("/data/0/taskId").asString()).status()).isEqualTo(404);
	}

	private static JsonNode results(GreenSdk sdk, String taskId) {
		return sdk.call(new TextAsyncManualScanResultsRequest(), "[\"" + taskId + "\"]").json().at("/data/0");
	}

	private static JsonNode awaitCode200(GreenSdk sdk, String taskId) {
		return awaitResult(sdk, new TextAsyncManualScanResultsRequest(), taskId);
	}

	private static JsonNode awaitResult(GreenSdk sdk, AcsRequest<?> request, String taskId) {
		return Await.until(() -> sdk.call(request, "[\"" + taskId + "\"]").json().at("/data/0"),
				task -> task.get("code").asInt() == 200, "a human verdict for " + taskId);
	}

}
