package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.TextModerationRequest;
import com.aliyun.green20220302.models.TextModerationResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;

import tools.jackson.databind.JsonNode;

/**
 * Tasks started through Green API 2.0 report in 2.0's shape: an escalated
 * {@code TextModeration} sends its machine result and then the human verdict to the
 * tenant's notifications, a {@code ManualModeration} task its verdict to the per-request
 * callback — {@code {Channel, Code, Msg, ReqId, Data}} with {@code Data} a JSON string,
 * signed like every callback.
 */
@CallbacksIntegrationTest
class Green2CallbacksTest {

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@RegisterExtension
	final Receiver receiver = new Receiver();

	@Test
	void anEscalatedTextModerationReachesThe20ShapedCallbackWhenDecided() throws Exception {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"customized\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String seed = receiver.subscribe(tenant.api(), tenant.uid(), "/notify");
		long lib = Fixtures.reviewWords(tenant.api(), "watch2", "flibbertigibbet");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);

		TextModerationResponseBody scan = client
			.textModerationWithOptions(
					new TextModerationRequest().setService("comment_detection")
						.setServiceParameters("{\"content\":\"what a flibbertigibbet\",\"dataId\":\"e2-1\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(scan.getCode()).isEqualTo(200);
		assertThat(scan.getData().getLabels()).isEqualTo("customized");

		Receiver.Received machine = awaitCallbacks(1).get(0);
		assertThat(machine.event()).isEqualTo("machineScan");
		JsonNode machineContent = Api.JSON.readTree(machine.content());
		assertThat(machineContent.get("Channel").asString()).isEqualTo("machineScan");
		JsonNode machineData = Api.JSON.readTree(machineContent.get("Data").asString());
		assertThat(machineData.get("Labels").asString()).isEqualTo("customized");
		assertThat(machineData.get("DataId").asString()).isEqualTo("e2-1");
		String taskId = machineData.get("TaskId").asString();

		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"block\",\"labels\":[\"customized\"]}");

		Receiver.Received human = awaitCallbacks(2).get(1);
		assertThat(human.event()).isEqualTo("review");
		assertThat(receiver.badChecksums()).isZero();
		JsonNode content = Api.JSON.readTree(human.content());
		assertThat(content.get("Channel").asString()).isEqualTo("manualReview");
		assertThat(content.get("Code").asInt()).isEqualTo(200);
		assertThat(content.get("ReqId").asString()).isEqualTo(taskId);
		assertThat(content.has("code")).as("no 1.0 fields").isFalse();
		JsonNode data = Api.JSON.readTree(content.get("Data").asString());
		assertThat(data.get("TaskId").asString()).isEqualTo(taskId);
		assertThat(data.get("RiskLevel").asString()).isEqualTo("high");
		assertThat(data.at("/Result/0/Label").asString()).isEqualTo("customized");
		assertThat(data.get("Labels").asString()).as("the machine's finding kept").isEqualTo("customized");
		assertThat(data.at("/AuditResult/Suggestion").asString()).isEqualTo("block");
	}

	@Test
	void manualModerationVerdictGoesToThePerRequestCallbackIn20Shape() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		receiver.verifyWith(tenant.uid(), "seed_2", CryptType.SHA256);
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), "v2");

		Map<String, Object> submitted = GreenSdk2.callApi(client, "ManualModeration",
				Map.of("Service", "textManualCheck", "ServiceParameters", "{\"content\":\"you fool\",\"dataId\":\"m2\""
						+ ",\"callback\":\"" + receiver.url("/cb2") + "\",\"seed\":\"seed_2\"}"));
		assertThat(((Number) submitted.get("Code")).intValue()).as(submitted.toString()).isEqualTo(200);
		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"pass\"}");

		Receiver.Received callback = awaitCallbacks(1).get(0);
		assertThat(callback.path()).isEqualTo("/cb2");
		assertThat(receiver.badChecksums()).isZero();
		JsonNode content = Api.JSON.readTree(callback.content());
		JsonNode data = Api.JSON.readTree(content.get("Data").asString());
		assertThat(data.get("DataId").asString()).isEqualTo("m2");
		assertThat(data.get("RiskLevel").asString()).isEqualTo("none");
		assertThat(data.at("/Result/0/Label").asString()).isEqualTo("nonLabel");
	}

	private List<Receiver.Received> awaitCallbacks(int n) {
		return Await.until(() -> {
			worker.deliverDue();
			return receiver.received();
		}, received -> received.size() >= n, n + " callbacks");
	}

}
