package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.VoiceModerationRequest;
import com.aliyun.green20220302.models.VoiceModerationResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * A media job started through Green API 2.0 reports in 2.0's shape, like its text
 * counterpart ({@link Green2CallbacksTest}): the machine result of an escalated
 * {@code VoiceModeration} and then the human verdict reach the request's callback as
 * {@code {Channel, Code, Msg, ReqId, Data}}, {@code Data} being the
 * {@code VoiceModerationResult} data (plus the verdict).
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class Green2MediaCallbacksTest {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@RegisterExtension
	final Receiver receiver = new Receiver();

	@AfterAll
	static void stopServer() {
		media.close();
	}

	@Test
	void anEscalatedVoiceModerationReachesThe20ShapedCallbackWhenDecided() throws Exception {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"customized\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		long lib = Fixtures.reviewWords(tenant.api(), "spoken-watch", "password");
		receiver.verifyWith(tenant.uid(), "seed_v2", CryptType.SHA256);
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);

		VoiceModerationResponseBody submitted = client
			.voiceModerationWithOptions(new VoiceModerationRequest().setService("audio_media_detection")
				.setServiceParameters("{\"url\":\"" + media.resource("media/speech/phishing.wav")
						+ "\",\"dataId\":\"esc-1\",\"callback\":\"" + receiver.url("/v2cb")
						+ "\",\"seed\":\"seed_v2\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(submitted.getCode()).as(submitted.getMessage()).isEqualTo(200);
		String taskId = submitted.getData().getTaskId();

		Receiver.Received machine = awaitCallbacks(1).get(0);
		assertThat(machine.path()).isEqualTo("/v2cb");
		assertThat(machine.event()).isEqualTo("machineScan");
		JsonNode machineContent = Api.JSON.readTree(machine.content());
		assertThat(machineContent.get("Channel").asString()).isEqualTo("machineScan");
		assertThat(machineContent.get("Code").asInt()).isEqualTo(200);
		assertThat(machineContent.get("ReqId").asString()).isEqualTo(taskId);
		JsonNode machineData = Api.JSON.readTree(machineContent.get("Data").asString());
		assertThat(machineData.get("TaskId").asString()).isEqualTo(taskId);
		assertThat(machineData.get("DataId").asString()).isEqualTo("esc-1");
		assertThat(machineData.get("RiskLevel").asString()).isEqualTo("medium");
		assertThat(machineData.at("/SliceDetails/0/RiskWords").asString()).contains("password");
		assertThat(machineData.at("/SliceDetails/0/Labels").asString()).isEqualTo("customized");
		assertThat(machineData.has("AuditResult")).isFalse();

		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"block\",\"labels\":[\"customized\"]}");

		Receiver.Received human = awaitCallbacks(2).get(1);
		assertThat(human.path()).isEqualTo("/v2cb");
		assertThat(human.event()).isEqualTo("review");
		assertThat(receiver.badChecksums()).isZero();
		JsonNode content = Api.JSON.readTree(human.content());
		assertThat(content.get("Channel").asString()).isEqualTo("manualReview");
		assertThat(content.get("ReqId").asString()).isEqualTo(taskId);
		assertThat(content.has("code")).as("no 1.0 fields").isFalse();
		JsonNode data = Api.JSON.readTree(content.get("Data").asString());
		assertThat(data.get("TaskId").asString()).isEqualTo(taskId);
		assertThat(data.get("RiskLevel").asString()).as("the verdict decides").isEqualTo("high");
		assertThat(data.at("/AuditResult/Suggestion").asString()).isEqualTo("block");
		assertThat(data.at("/AuditResult/Labels/0").asString()).isEqualTo("customized");
		assertThat(data.at("/SliceDetails/0/RiskWords").asString()).as("the machine's finding kept")
			.contains("password");
	}

	private List<Receiver.Received> awaitCallbacks(int n) {
		return Await.until(() -> {
			worker.deliverDue();
			return receiver.received();
		}, received -> received.size() >= n, n + " callbacks");
	}

}
