package dev.vetter.api.green2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.DescribeImageModerationResultRequest;
import com.aliyun.green20220302.models.FileModerationRequest;
import com.aliyun.green20220302.models.ImageAsyncModerationRequest;
import com.aliyun.green20220302.models.ImageModerationRequest;
import com.aliyun.green20220302.models.TextModerationPlusRequest;
import com.aliyun.green20220302.models.TextModerationPlusResponseBody;
import com.aliyun.green20220302.models.TextModerationRequest;
import com.aliyun.green20220302.models.TextModerationResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Alibaba's Green API 2.0 SDK ({@code green20220302} 2.2.4) against Vetter, in its
 * default ACS3-HMAC-SHA256 mode and its RPC {@code v2} mode: genuine calls answer, a
 * wrong secret is {@code SignatureDoesNotMatch}. Tampered requests are in
 * {@link Green2WireTest}, which sends the SDK's bytes by hand.
 */
@IntegrationTest
class Green2InteropTest {

	@LocalServerPort
	int port;

	private Fixtures.TenantKey tenantWithBlockedWord(String word) {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Api.Response lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"blocked-" + word + "\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}");
		assertThat(lib.status()).as(lib.body()).isEqualTo(201);
		tenant.api()
			.post("/v1/libraries/" + lib.json().get("id").asLong() + "/entries", "{\"entries\":[\"" + word + "\"]}");
		return tenant;
	}

	@ParameterizedTest(name = "signature {0}")
	@NullSource
	@ValueSource(strings = "v2")
	void textModerationAnswersTheSdkInBothSignatureModes(String algorithm) throws Exception {
		Fixtures.TenantKey tenant = tenantWithBlockedWord("zorblax");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), algorithm);

		TextModerationResponseBody hit = client
			.textModerationWithOptions(
					new TextModerationRequest().setService("comment_detection")
						.setServiceParameters(
								"{\"content\":\"buy zorblax pills now\",\"dataId\":\"c-1\",\"accountId\":\"u9\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(hit.getCode()).isEqualTo(200);
		assertThat(hit.getRequestId()).isNotBlank();
		assertThat(hit.getData().getLabels()).isEqualTo("customized");
		assertThat(hit.getData().getAccountId()).isEqualTo("u9");
		JsonNode reason = Api.JSON.readTree(hit.getData().getReason());
		assertThat(reason.get("riskWords").asString()).isEqualTo("zorblax");
		assertThat(reason.get("customizedLibs").asString()).isEqualTo("blocked-zorblax");

		TextModerationResponseBody clean = client
			.textModerationWithOptions(new TextModerationRequest().setService("chat_detection")
				.setServiceParameters("{\"content\":\"a nice day + a walk\"}"), new RuntimeOptions())
			.getBody();
		assertThat(clean.getCode()).isEqualTo(200);
		assertThat(clean.getData().getLabels()).isEmpty();
	}

	@ParameterizedTest(name = "signature {0}")
	@NullSource
	@ValueSource(strings = "v2")
	void textModerationPlusGivesRiskLevelAndResults(String algorithm) throws Exception {
		Fixtures.TenantKey tenant = tenantWithBlockedWord("quuxly");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), algorithm);

		TextModerationPlusResponseBody body = client
			.textModerationPlusWithOptions(new TextModerationPlusRequest().setService("llm_query_moderation")
				.setServiceParameters("{\"content\":\"so quuxly\"}"), new RuntimeOptions())
			.getBody();

		assertThat(body.getCode()).isEqualTo(200);
		TextModerationPlusResponseBody.TextModerationPlusResponseBodyDataResult first = body.getData()
			.getResult()
			.get(0);
		assertThat(first.getLabel()).isEqualTo("customized");
		assertThat(first.getRiskWords()).isEqualTo("quuxly");
		assertThat(first.getCustomizedHit().get(0).getLibName()).isEqualTo("blocked-quuxly");
		assertThat(first.getConfidence()).isPositive();
	}

	@ParameterizedTest(name = "signature {0}")
	@NullSource
	@ValueSource(strings = "v2")
	void aWrongSecretIsSignatureDoesNotMatch(String algorithm) {
		Client client = GreenSdk2.client(port, Api.ACCESS_KEY_ID, "not-the-secret", algorithm);

		assertThatThrownBy(() -> client.textModerationWithOptions(
				new TextModerationRequest().setService("comment_detection").setServiceParameters("{\"content\":\"x\"}"),
				new RuntimeOptions()))
			.isInstanceOfSatisfying(TeaException.class,
					e -> assertThat(e.getCode()).isEqualTo("SignatureDoesNotMatch"));
	}

	@ParameterizedTest(name = "signature {0}")
	@NullSource
	@ValueSource(strings = "v2")
	void mediaActionsAreVerifiedInBothModesIncludingThoseWithQueryParameters(String algorithm) throws Exception {
		Client client = GreenSdk2.client(port, Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, algorithm);

		// body parameters; the loopback target is refused by the outbound guard here
		var image = client
			.imageModerationWithOptions(
					new ImageModerationRequest().setService("baselineCheck")
						.setServiceParameters("{\"imageUrl\":\"http://127.0.0.1/a b.jpg\",\"dataId\":\"i-1\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(image.getCode()).as(image.getMsg()).isEqualTo(480);
		assertThat(image.getData().getDataId()).isEqualTo("i-1");
		// query parameters (this action puts Service and ServiceParameters in the query)
		var async = client
			.imageAsyncModerationWithOptions(
					new ImageAsyncModerationRequest().setService("baselineCheck")
						.setServiceParameters("{\"imageUrl\":\"https://cdn.example/a b.jpg\",\"dataId\":\"d*1~\"}"),
					new RuntimeOptions())
			.getBody();
		assertThat(async.getCode()).isEqualTo(400);
		assertThat(async.getMsg()).contains("dataId");
		var result = client
			.describeImageModerationResultWithOptions(new DescribeImageModerationResultRequest().setReqId("req-1"),
					new RuntimeOptions())
			.getBody();
		assertThat(result.getCode()).isEqualTo(404);
		// not served: a clear code after the signature is verified
		var file = client
			.fileModerationWithOptions(new FileModerationRequest().setService("document_detection")
				.setServiceParameters("{\"url\":\"https://cdn.example/a.pdf\"}"), new RuntimeOptions())
			.getBody();
		assertThat(file.getCode()).isEqualTo(501);
		assertThat(file.getMessage()).startsWith("NotAvailableYet: FileModeration");
	}

	@Test
	void manualModerationRoundTripsThroughTheTeaStack() {
		Fixtures fx = new Fixtures(port);
		Fixtures.TenantKey tenant = fx.manualTenant(1, "[\"abuse\"]");
		Api reviewer = fx.reviewer(tenant.uid());
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);

		Map<String, Object> submitted = GreenSdk2.callApi(client, "ManualModeration", Map.of("Service",
				"textManualCheck", "ServiceParameters", "{\"content\":\"you utter fool\",\"dataId\":\"mm-1\"}"));
		assertThat(code(submitted)).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) submitted.get("Data");
		assertThat(data.get("DataId")).isEqualTo("mm-1");
		String taskId = (String) data.get("TaskId");
		assertThat(taskId).startsWith("txt");

		Map<String, Object> pending = GreenSdk2.callApi(client, "ManualModerationResult",
				Map.of("ServiceParameters", "{\"TaskId\":\"" + taskId + "\"}"));
		assertThat(code(pending)).isEqualTo(280);

		JsonNode item = reviewer.post("/v1/review/claims", "").json();
		assertThat(item.get("taskId").asString()).isEqualTo(taskId);
		assertThat(item.at("/content/text").asString()).isEqualTo("you utter fool");
		Fixtures.decide(reviewer, item.get("id").asLong(), "{\"suggestion\":\"block\",\"labels\":[\"abuse\"]}");

		Map<String, Object> done = dev.vetter.support.Await.until(
				() -> GreenSdk2.callApi(client, "ManualModerationResult",
						Map.of("ServiceParameters", "{\"TaskId\":\"" + taskId + "\"}")),
				r -> code(r) == 200, "a human verdict");
		JsonNode verdict = Api.JSON.valueToTree(done.get("Data"));
		assertThat(verdict.get("TaskId").asString()).isEqualTo(taskId);
		assertThat(verdict.get("DataId").asString()).isEqualTo("mm-1");
		assertThat(verdict.get("RiskLevel").asString()).isEqualTo("high");
		assertThat(verdict.at("/Result/0/Label").asString()).isEqualTo("profanity");
		assertThat(verdict.at("/Result/0/Description").asString()).isEqualTo("abuse");

		Map<String, Object> unknown = GreenSdk2.callApi(client, "ManualModerationResult",
				Map.of("ServiceParameters", "{\"TaskId\":\"txtNoSuchTask\"}"));
		assertThat(code(unknown)).isEqualTo(404);
	}

	@Test
	void manualModerationAnswers596UntilManualReviewIsEnabled() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), "v2");

		Map<String, Object> answer = GreenSdk2.callApi(client, "ManualModeration",
				Map.of("Service", "textManualCheck", "ServiceParameters", "{\"content\":\"x\"}"));

		assertThat(code(answer)).isEqualTo(596);
	}

	@Test
	void badParametersAreCode400AndUnknownActionsAreRefusedAtTheGateway() {
		Client client = GreenSdk2.client(port, Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, null);

		assertThat(code(GreenSdk2.callApi(client, "TextModeration", Map.of("Service", "comment_detection"))))
			.isEqualTo(400);
		assertThat(code(GreenSdk2.callApi(client, "TextModeration",
				Map.of("Service", "comment_detection", "ServiceParameters", "{not json"))))
			.isEqualTo(400);
		assertThat(code(GreenSdk2.callApi(client, "TextModeration", Map.of("Service", "comment_detection",
				"ServiceParameters", "{\"content\":\"" + "x".repeat(10_001) + "\"}"))))
			.isEqualTo(589);
		assertThatThrownBy(() -> GreenSdk2.callApi(client, "NoSuchAction", Map.of("Service", "x")))
			.hasRootCauseInstanceOf(TeaException.class)
			.rootCause()
			.satisfies(e -> assertThat(((TeaException) e).getCode()).isEqualTo("InvalidAction.NotFound"));
	}

	private static int code(Map<String, Object> body) {
		return ((Number) body.get("Code")).intValue();
	}

}
