package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyuncs.green.model.v20180509.TextScanRequest;

import dev.vetter.support.Api;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/** Requests made by Alibaba's real SDK: accepted when genuine, refused with POP errors when not. */
@IntegrationTest
class GreenSdkCompatibilityTest {

	private static final String BODY = "{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"d1\",\"content\":\"hello there, nice weather\"}]}";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void acceptsTextScanSignedByTheAlibabaSdk() {
		GreenSdk.Reply reply = GreenSdk.of(port).call(new TextScanRequest(), BODY);

		assertThat(reply.status()).isEqualTo(200);
		JsonNode json = reply.json();
		assertThat(json.get("code").asInt()).isEqualTo(200);
		assertThat(json.get("requestId").asString()).isNotBlank();
		JsonNode task = json.get("data").get(0);
		assertThat(task.get("code").asInt()).isEqualTo(200);
		assertThat(task.get("dataId").asString()).isEqualTo("d1");
		assertThat(task.get("taskId").asString()).startsWith("txt");
		assertThat(task.get("results").get(0).get("scene").asString()).isEqualTo("antispam");
		assertThat(task.get("results").get(0).get("suggestion").asString()).isEqualTo("pass");
		assertThat(task.get("results").get(0).get("label").asString()).isEqualTo("normal");
	}

	@Test
	void acceptsClientInfoQueryStringSignedDecoded() {
		TextScanRequest request = new TextScanRequest();
		request.setClientInfo("{\"ip\":\"127.0.0.1\",\"userId\":\"u 1&2\"}");
		GreenSdk.Reply reply = GreenSdk.of(port).call(request, BODY);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("code").asInt()).isEqualTo(200);
	}

	@Test
	void refusesTamperedBody() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);
		byte[] tampered = BODY.replace("nice weather", "nasty weather").getBytes(StandardCharsets.UTF_8);

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of(), tampered);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("ContentMD5NotMatched");
	}

	@Test
	void refusesTamperedBodyWithRecomputedContentMd5() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);
		byte[] tampered = BODY.replace("nice weather", "nasty weather").getBytes(StandardCharsets.UTF_8);

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of("Content-MD5", AcsSignature.contentMd5(tampered)), tampered);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void refusesWrongSecret() {
		GreenSdk.Reply reply = new GreenSdk(port, Api.ACCESS_KEY_ID, "not-the-secret").call(new TextScanRequest(), BODY);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("SignatureDoesNotMatch");
		assertThat(reply.json().get("RequestId").asString()).isNotBlank();
	}

	@Test
	void refusesUnknownAccessKey() {
		GreenSdk.Reply reply = new GreenSdk(port, "LTAIunknown", "whatever").call(new TextScanRequest(), BODY);

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("Code").asString()).isEqualTo("InvalidAccessKeyId.NotFound");
	}

	@Test
	void refusesStaleDate() {
		clock.shift(Duration.ofMinutes(16));

		GreenSdk.Reply reply = GreenSdk.of(port).call(new TextScanRequest(), BODY);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("InvalidTimeStamp.Expired");
	}

	@Test
	void acceptsDateWithinFifteenMinutes() {
		clock.shift(Duration.ofMinutes(14));

		assertThat(GreenSdk.of(port).call(new TextScanRequest(), BODY).status()).isEqualTo(200);
	}

	@Test
	void refusesReplayedNonce() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);

		GreenSdk.Reply first = GreenSdk.send(signed, Map.of(), null);
		GreenSdk.Reply replay = GreenSdk.send(signed, Map.of(), null);

		assertThat(first.status()).isEqualTo(200);
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.json().get("Code").asString()).isEqualTo("SignatureNonceUsed");
	}

	@Test
	void refusesOldApiVersion() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of("x-acs-version", "2017-01-12"), null);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("InvalidAction.NotFound");
	}

	@Test
	void refusesMissingAuthorization() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of("Authorization", "Bearer x"), null);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("IncompleteSignature");
	}
}
