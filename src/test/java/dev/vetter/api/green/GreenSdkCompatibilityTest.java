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

import dev.vetter.api.acs.AcsSignature;
import dev.vetter.support.Api;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;
import dev.vetter.support.MutableClock;

import tools.jackson.databind.JsonNode;

/**
 * Requests made by Alibaba's real SDK: accepted when genuine, refused with POP errors
 * when not.
 */
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

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of("Content-MD5", AcsSignature.contentMd5(tampered)),
				tampered);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void refusesWrongSecret() {
		GreenSdk.Reply reply = new GreenSdk(port, Api.ACCESS_KEY_ID, "not-the-secret").call(new TextScanRequest(),
				BODY);

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
	void acceptsHmacSm3SignedRequests() throws Exception {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
			.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
		String nonce = java.util.UUID.randomUUID().toString();
		String sm3 = AcsSignature.sm3Hex(body);
		String toSign = "POST\napplication/json\n\napplication/json\n" + date + "\n" + "x-acs-content-sm3:" + sm3
				+ "\nx-acs-signature-method:HMAC-SM3\nx-acs-signature-nonce:" + nonce
				+ "\nx-acs-signature-version:1.0\nx-acs-version:2018-05-09\n/green/text/scan";
		org.bouncycastle.crypto.macs.HMac mac = new org.bouncycastle.crypto.macs.HMac(
				new org.bouncycastle.crypto.digests.SM3Digest());
		mac.init(new org.bouncycastle.crypto.params.KeyParameter(
				Api.ACCESS_KEY_SECRET.getBytes(StandardCharsets.UTF_8)));
		byte[] data = toSign.getBytes(StandardCharsets.UTF_8);
		mac.update(data, 0, data.length);
		byte[] out = new byte[mac.getMacSize()];
		mac.doFinal(out, 0);
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/green/text/scan"))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.header("Date", date)
			.header("x-acs-version", "2018-05-09")
			.header("x-acs-signature-nonce", nonce)
			.header("x-acs-signature-version", "1.0")
			.header("x-acs-signature-method", "HMAC-SM3")
			.header("x-acs-content-sm3", sm3);
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

		var ok = client.send(request.copy()
			.header("Authorization",
					"acs " + Api.ACCESS_KEY_ID + ":" + java.util.Base64.getEncoder().encodeToString(out))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		var bad = client.send(request.copy()
			.setHeader("x-acs-signature-nonce", nonce + "x")
			.header("Authorization",
					"acs " + Api.ACCESS_KEY_ID + ":" + java.util.Base64.getEncoder().encodeToString(out))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("SignatureDoesNotMatch");
	}

	@Test
	void refusesMissingAuthorization() {
		var signed = GreenSdk.of(port).sign(new TextScanRequest(), BODY);

		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of("Authorization", "Bearer x"), null);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("Code").asString()).isEqualTo("IncompleteSignature");
	}

}
