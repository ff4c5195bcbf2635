package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyuncs.green.model.v20180509.TextAsyncManualScanRequest;
import com.aliyuncs.green.model.v20180509.TextScanRequest;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;

import tools.jackson.databind.JsonNode;

/**
 * Results of the review service reach business servers by callback: per-request callbacks
 * of human-only tasks and the tenant's machineScan / review notifications of escalated
 * scans, signed as Alibaba does.
 */
@CallbacksIntegrationTest
class ReviewCallbacksTest {

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@RegisterExtension
	final Receiver receiver = new Receiver();

	@Test
	void humanOnlyVerdictGoesToThePerRequestCallback() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		receiver.verifyWith(tenant.uid(), "req_Seed_1", CryptType.SM3);

		JsonNode submitted = tenant.sdk()
			.call(new TextAsyncManualScanRequest(), "{\"callback\":\"" + receiver.url("/cb")
					+ "\",\"seed\":\"req_Seed_1\",\"cryptType\":\"SM3\",\"tasks\":[{\"dataId\":\"c1\",\"content\":\"you fool\"}]}")
			.json();
		String taskId = submitted.at("/data/0/taskId").asString();
		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");

		List<Receiver.Received> got = awaitCallbacks(1);
		Receiver.Received callback = got.get(0);
		assertThat(callback.event()).isEqualTo("review");
		assertThat(receiver.badChecksums()).isZero();
		JsonNode content = Api.JSON.readTree(callback.content());
		assertThat(content.get("taskId").asString()).isEqualTo(taskId);
		assertThat(content.get("dataId").asString()).isEqualTo("c1");
		assertThat(content.at("/auditResult/suggestion").asString()).isEqualTo("block");
		assertThat(content.at("/results/0/label").asString()).isEqualTo("abuse");
	}

	@Test
	void escalatedScanSendsTheMachineResultThenTheHumanVerdictToTenantNotifications() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"customized\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		String seed = receiver.subscribe(tenant.api(), tenant.uid(), "/notify");
		long lib = Fixtures.reviewWords(tenant.api(), "watch", "gobbledygook");

		JsonNode scan = tenant.sdk()
			.call(new TextScanRequest(),
					"{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"n1\",\"content\":\"pure gobbledygook\"}]}")
			.json();
		String taskId = scan.at("/data/0/taskId").asString();
		Receiver.Received machine = awaitCallbacks(1).get(0);
		assertThat(machine.event()).isEqualTo("machineScan");
		assertThat(Api.JSON.readTree(machine.content()).at("/results/0/suggestion").asString()).isEqualTo("review");

		long item = Fixtures.claim(reviewer);
		Fixtures.decide(reviewer, item, "{\"suggestion\":\"pass\"}");

		Receiver.Received human = awaitCallbacks(2).get(1);
		assertThat(human.event()).isEqualTo("review");
		JsonNode content = Api.JSON.readTree(human.content());
		assertThat(content.get("taskId").asString()).isEqualTo(taskId);
		assertThat(content.at("/results/0/suggestion").asString()).as("machine result kept").isEqualTo("review");
		assertThat(content.at("/auditResult/suggestion").asString()).isEqualTo("pass");
		assertThat(human.deliveryId()).isNotEqualTo(machine.deliveryId());
		assertThat(receiver.badChecksums()).isZero();
	}

	@Test
	void unsafeCallbackIsRefusedAtRequestTime() {
		Fixtures.TenantKey tenant = new Fixtures(port).manualTenant(1, "[\"abuse\"]");

		JsonNode json = tenant.sdk()
			.call(new TextAsyncManualScanRequest(),
					"{\"callback\":\"http://169.254.169.254/latest\",\"seed\":\"s\",\"tasks\":[{\"content\":\"x\"}]}")
			.json();

		assertThat(json.get("code").asInt()).isEqualTo(400);
		assertThat(json.get("msg").asString()).contains("callback");
	}

	private List<Receiver.Received> awaitCallbacks(int n) {
		return Await.until(() -> {
			worker.deliverDue();
			return receiver.received();
		}, received -> received.size() >= n, n + " callbacks");
	}

}
