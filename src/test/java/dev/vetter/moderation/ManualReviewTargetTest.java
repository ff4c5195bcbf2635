package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import com.aliyuncs.green.model.v20180509.ImageAsyncManualScanRequest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Media URLs handed to human-only review pass the same target guard as every outbound
 * fetch: private and metadata addresses are refused per task, the others are queued.
 */
@IntegrationTest
class ManualReviewTargetTest {

	@LocalServerPort
	int port;

	@Test
	void privateAndMetadataUrlsAreRefusedPerTaskOnTheNativeApi() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"porn\"]");
		Api.Response r = tenant.api().post("/v1/manual-reviews", """
				{"kind":"image","tasks":[
				  {"dataId":"meta","url":"http://169.254.169.254/latest/meta-data/"},
				  {"dataId":"private","url":"http://10.0.0.1/a.jpg"},
				  {"dataId":"fine","url":"https://images.example.com/a.jpg"}]}""");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		JsonNode tasks = r.json().get("tasks");
		assertThat(tasks.get(0).get("code").asInt()).isEqualTo(400);
		assertThat(tasks.get(0).get("msg").asString()).contains("169.254.169.254").contains("not allowed");
		assertThat(tasks.get(0).has("taskId")).isFalse();
		assertThat(tasks.get(1).get("code").asInt()).isEqualTo(400);
		assertThat(tasks.get(1).get("msg").asString()).contains("10.0.0.1").contains("private");
		assertThat(tasks.get(2).get("code").asInt()).isEqualTo(200);
		assertThat(tasks.get(2).get("taskId").asString()).isNotBlank();
	}

	@Test
	void privateAndMetadataUrlsAreRefusedPerTaskOnTheGreenApi() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"porn\"]");
		JsonNode r = tenant.sdk().call(new ImageAsyncManualScanRequest(), """
				{"tasks":[{"dataId":"meta","url":"http://169.254.169.254/"},
				          {"dataId":"private","url":"http://10.0.0.1/"},
				          {"dataId":"fine","url":"https://images.example.com/b.jpg"}]}""").json();
		assertThat(r.get("code").asInt()).as(r.toString()).isEqualTo(200);
		JsonNode data = r.get("data");
		assertThat(data.get(0).get("code").asInt()).isEqualTo(400);
		assertThat(data.get(0).get("msg").asString()).contains("metadata");
		assertThat(data.get(1).get("code").asInt()).isEqualTo(400);
		assertThat(data.get(1).get("msg").asString()).contains("10.0.0.1");
		assertThat(data.get(2).get("code").asInt()).isEqualTo(200);
	}

}
