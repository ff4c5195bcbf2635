package dev.vetter.api.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Requests built by hand, byte for byte as clients that cannot run in the Maven build
 * send them, each genuine, tampered and with a wrong secret:
 * <ul>
 * <li>{@code aliyun-python-sdk-core} 2.16 + {@code aliyun-python-sdk-green} 3.6.6 (ROA,
 * {@code acs AK:sig}, Date, Content-MD5, no nonce, body as
 * {@code application/octet-stream});</li>
 * <li>{@code alibabacloud-green20180509} on {@code tea-openapi} (ACS3-HMAC-SHA256 on
 * {@code /green/**}, no Date, no Content-MD5), and its {@code v2} mode ({@code acs}
 * without Content-MD5, lower-case headers);</li>
 * <li>{@code green20220302} wire details: an empty-body action sent chunked with no
 * content type.</li>
 * </ul>
 * The signers here are written from the clients' algorithms, independently of the
 * server's code.
 */
@IntegrationTest
class HandSignedClientsTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final DateTimeFormatter RFC_1123 = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final String TEXT_SCAN = "{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"py-1\",\"content\":\"hello there\"}]}";

	@LocalServerPort
	int port;

	record Sent(int status, String body) {

		JsonNode json() {
			return Api.JSON.readTree(body);
		}

		String code() {
			JsonNode n = json();
			return n.has("Code") ? n.get("Code").asString() : n.get("code").asString();
		}
	}

	record Raw(String path, Map<String, String> headers, byte[] body) {
	}

	// ---- aliyun-python-sdk-core 2.16: ROA without a nonce

	/**
	 * As {@code roa_signature_composer.refresh_sign_parameters} +
	 * {@code compose_string_to_sign}: Date, Accept, x-acs-signature-method/version,
	 * Content-MD5 of the body, no nonce.
	 */
	Raw pythonCore(String accessKeyId, String secret, byte[] body, Instant date) {
		Map<String, String> h = new LinkedHashMap<>();
		h.put("Accept", "application/json");
		h.put("Content-MD5", Base64.getEncoder().encodeToString(digest("MD5", body)));
		h.put("Content-Type", "application/octet-stream");
		h.put("Date", RFC_1123.format(date));
		h.put("User-Agent", "AlibabaCloud (Linux; x86_64) Python/3.11.2 Core/2.16.0 python-requests/2.31.0");
		h.put("x-acs-region-id", "cn-shanghai");
		h.put("x-acs-signature-method", "HMAC-SHA1");
		h.put("x-acs-signature-version", "1.0");
		h.put("x-acs-version", "2018-05-09");
		h.put("x-sdk-client", "python/2.0.0");
		h.put("Authorization", "acs " + accessKeyId + ":" + roaSignature(secret, h, "/green/text/scan"));
		return new Raw("/green/text/scan", h, body);
	}

	@Test
	void pythonCoreWithoutNonceIsAcceptedTamperedAndWrongSecretAreRefused() {
		byte[] body = TEXT_SCAN.getBytes(StandardCharsets.UTF_8);
		Raw genuine = pythonCore(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now());
		Sent ok = send(genuine);
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().at("/data/0/dataId").asString()).isEqualTo("py-1");

		byte[] other = TEXT_SCAN.replace("hello", "HELLO").getBytes(StandardCharsets.UTF_8);
		Sent tamperedBody = send(new Raw(genuine.path(), genuine.headers(), other));
		assertThat(tamperedBody.status()).isEqualTo(400);
		assertThat(tamperedBody.code()).isEqualTo("ContentMD5NotMatched");
		Map<String, String> rehashed = new LinkedHashMap<>(genuine.headers());
		rehashed.put("Content-MD5", Base64.getEncoder().encodeToString(digest("MD5", other)));
		assertThat(send(new Raw(genuine.path(), rehashed, other)).code()).isEqualTo("SignatureDoesNotMatch");

		Sent wrong = send(pythonCore(Api.ACCESS_KEY_ID, "wrong-secret", body, Instant.now()));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.code()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void aNonceLessReplayWithinTheWindowIsAcceptedOnlyUntilTheTenantRequiresNonces() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Raw request = pythonCore(tenant.accessKeyId(), tenant.secret(), TEXT_SCAN.getBytes(StandardCharsets.UTF_8),
				Instant.now());
		assertThat(send(request).status()).isEqualTo(200);
		assertThat(send(request).status()).as("the same bytes again: no nonce, nothing to detect the replay with")
			.isEqualTo(200);

		Api operator = Api.operator(port);
		assertThat(operator.get("/v1/admin/tenants/" + tenant.uid() + "/green-settings")
			.json()
			.get("requireNonce")
			.asBoolean()).isFalse();
		assertThat(tenant.api()
			.put("/v1/admin/tenants/" + tenant.uid() + "/green-settings", "{\"requireNonce\":true}")
			.status()).as("operators only").isEqualTo(403);
		Api.Response put = operator.put("/v1/admin/tenants/" + tenant.uid() + "/green-settings",
				"{\"requireNonce\":true}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);

		Sent refused = send(request);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("MissingSignatureNonce");
		Raw withNonce = teaAcs3(tenant.accessKeyId(), tenant.secret(), TEXT_SCAN.getBytes(StandardCharsets.UTF_8),
				Instant.now());
		assertThat(send(withNonce).status()).as("a client with nonces still gets through").isEqualTo(200);
		assertThat(send(withNonce).code()).as("and its replay is caught").isEqualTo("SignatureNonceUsed");
		assertThat(send(pythonCore(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, TEXT_SCAN.getBytes(StandardCharsets.UTF_8),
				Instant.now()))
			.status()).as("other tenants keep their setting").isEqualTo(200);
	}

	// ---- alibabacloud-green20180509 (Tea): ACS3-HMAC-SHA256 on /green

	Raw teaAcs3(String accessKeyId, String secret, byte[] body, Instant date) {
		TreeMap<String, String> signed = new TreeMap<>();
		signed.put("accept", "application/json");
		signed.put("content-type", "application/json; charset=utf-8");
		signed.put("host", "127.0.0.1:" + port);
		signed.put("user-agent",
				"AlibabaCloud (Linux; x86_64) Python/3.11.2 TeaDSL/1 alibabacloud-green20180509/1.0.2");
		signed.put("x-acs-action", "TextScan");
		signed.put("x-acs-content-sha256", HexFormat.of().formatHex(digest("SHA-256", body)));
		signed.put("x-acs-date", DateTimeFormatter.ISO_INSTANT.format(date.truncatedTo(ChronoUnit.SECONDS)));
		signed.put("x-acs-signature-nonce", UUID.randomUUID().toString().replace("-", ""));
		signed.put("x-acs-version", "2018-05-09");
		Map<String, String> h = new LinkedHashMap<>(signed);
		h.remove("host");
		h.put("Authorization",
				"ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signed.keySet())
						+ ",Signature=" + acs3Signature(secret, "/green/text/scan", "", signed, body));
		return new Raw("/green/text/scan", h, body);
	}

	@Test
	void teaAcs3OnGreenIsAcceptedTamperedAndWrongSecretAreRefused() {
		byte[] body = TEXT_SCAN.getBytes(StandardCharsets.UTF_8);
		Raw genuine = teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now());
		Sent ok = send(genuine);
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().at("/data/0/results/0/label").asString()).isEqualTo("normal");

		byte[] other = TEXT_SCAN.replace("hello", "HELLO").getBytes(StandardCharsets.UTF_8);
		Raw fresh = teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now());
		assertThat(send(new Raw(fresh.path(), fresh.headers(), other)).code()).isEqualTo("ContentSHA256NotMatched");
		Raw fresh2 = teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now());
		Map<String, String> rehashed = new LinkedHashMap<>(fresh2.headers());
		rehashed.put("x-acs-content-sha256", HexFormat.of().formatHex(digest("SHA-256", other)));
		assertThat(send(new Raw(fresh2.path(), rehashed, other)).code()).isEqualTo("SignatureDoesNotMatch");

		Sent wrong = send(teaAcs3(Api.ACCESS_KEY_ID, "wrong-secret", body, Instant.now()));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.code()).as("a wrong secret is a signature mismatch, not an incomplete signature")
			.isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void xAcsDateOutsideTheClockSkewIsRefused() {
		byte[] body = TEXT_SCAN.getBytes(StandardCharsets.UTF_8);
		Sent old = send(
				teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now().minus(Duration.ofMinutes(16))));
		assertThat(old.status()).isEqualTo(400);
		assertThat(old.code()).isEqualTo("InvalidTimeStamp.Expired");
		Sent future = send(
				teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now().plus(Duration.ofMinutes(16))));
		assertThat(future.code()).isEqualTo("InvalidTimeStamp.Expired");
		assertThat(send(
				teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, body, Instant.now().minus(Duration.ofMinutes(14))))
			.status()).as("inside the window").isEqualTo(200);
	}

	@Test
	void unsignedAcsHeadersAreRefused() {
		Raw genuine = teaAcs3(Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET, TEXT_SCAN.getBytes(StandardCharsets.UTF_8),
				Instant.now());
		Map<String, String> extra = new LinkedHashMap<>(genuine.headers());
		extra.put("x-acs-security-token", "sneaked-in");
		Sent sent = send(new Raw(genuine.path(), extra, genuine.body()));
		assertThat(sent.code()).isEqualTo("IncompleteSignature");
		assertThat(sent.json().get("Message").asString()).contains("x-acs-security-token");
	}

	// ---- the Tea v2 mode: acs scheme without Content-MD5, lower-case names

	Raw teaV2(String secret, byte[] body) {
		Map<String, String> h = new LinkedHashMap<>();
		h.put("accept", "application/json");
		h.put("content-type", "application/json; charset=utf-8");
		h.put("date", RFC_1123.format(Instant.now()));
		h.put("x-acs-signature-method", "HMAC-SHA1");
		h.put("x-acs-signature-nonce", UUID.randomUUID().toString());
		h.put("x-acs-signature-version", "1.0");
		h.put("x-acs-version", "2018-05-09");
		h.put("authorization", "acs " + Api.ACCESS_KEY_ID + ":" + roaSignature(secret, h, "/green/text/scan"));
		return new Raw("/green/text/scan", h, body);
	}

	@Test
	void teaV2ModeWithoutContentMd5IsAcceptedAndAWrongSecretRefused() {
		byte[] body = TEXT_SCAN.getBytes(StandardCharsets.UTF_8);
		Sent ok = send(teaV2(Api.ACCESS_KEY_SECRET, body));
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(send(teaV2("wrong-secret", body)).code()).isEqualTo("SignatureDoesNotMatch");
		// without Content-MD5 the signature does not cover the body: documented trade-off
		Sent swapped = send(new Raw("/green/text/scan", teaV2(Api.ACCESS_KEY_SECRET, body).headers(),
				TEXT_SCAN.replace("hello", "HELLO").getBytes(StandardCharsets.UTF_8)));
		assertThat(swapped.status()).isEqualTo(200);
	}

	// ---- green20220302: an empty-body action arrives chunked with no content type

	@Test
	void anEmptyChunkedBodyWithNoContentTypeIsSignedAsTheEmptyPayload() {
		TreeMap<String, String> signed = new TreeMap<>();
		signed.put("host", "127.0.0.1:" + port);
		signed.put("x-acs-action", "DescribeUploadToken");
		signed.put("x-acs-content-sha256", HexFormat.of().formatHex(digest("SHA-256", new byte[0])));
		signed.put("x-acs-date", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
		signed.put("x-acs-signature-nonce", UUID.randomUUID().toString());
		signed.put("x-acs-version", "2022-03-02");
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
			.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(new byte[0])));
		signed.forEach((k, v) -> {
			if (!k.equals("host")) {
				b.header(k, v);
			}
		});
		b.header("Authorization",
				"ACS3-HMAC-SHA256 Credential=" + Api.ACCESS_KEY_ID + ",SignedHeaders="
						+ String.join(";", signed.keySet()) + ",Signature="
						+ acs3Signature(Api.ACCESS_KEY_SECRET, "/", "", signed, new byte[0]));
		Sent sent = send(b.build());
		assertThat(sent.status()).as(sent.body()).isEqualTo(200);
		assertThat(sent.json().get("Code").asInt()).isEqualTo(501);
	}

	// ---- RPC v2 by hand: the form body is signed

	@Test
	void rpcFormBodyIsCoveredByTheSignature() {
		Map<String, String> query = new TreeMap<>();
		query.put("AccessKeyId", Api.ACCESS_KEY_ID);
		query.put("Action", "TextModeration");
		query.put("Format", "json");
		query.put("SignatureMethod", "HMAC-SHA1");
		query.put("SignatureNonce", UUID.randomUUID().toString());
		query.put("SignatureVersion", "1.0");
		query.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
		query.put("Version", "2022-03-02");
		Map<String, String> form = Map.of("Service", "comment_detection", "ServiceParameters",
				"{\"content\":\"a calm day\"}");
		TreeMap<String, String> all = new TreeMap<>(query);
		all.putAll(form);
		StringBuilder canonical = new StringBuilder();
		all.forEach((k, v) -> canonical.append(canonical.isEmpty() ? "" : "&").append(pe(k)).append('=').append(pe(v)));
		String sts = "POST&%2F&" + pe(canonical.toString());
		String signature = Base64.getEncoder().encodeToString(hmac("HmacSHA1", Api.ACCESS_KEY_SECRET + "&", sts));
		StringBuilder url = new StringBuilder("http://127.0.0.1:" + port + "/?");
		query.forEach((k, v) -> url.append(pe(k)).append('=').append(pe(v)).append('&'));
		url.append("Signature=").append(pe(signature));

		Sent ok = send(rpc(url.toString(), form));
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().get("Code").asInt()).isEqualTo(200);
		assertThat(send(rpc(url.toString(), form)).code()).as("same nonce").isEqualTo("SignatureNonceUsed");
		Sent tampered = send(rpc(url.toString().replace(pe(query.get("SignatureNonce")), "other-nonce"),
				Map.of("Service", "comment_detection", "ServiceParameters", "{\"content\":\"a wild day\"}")));
		assertThat(tampered.code()).isEqualTo("SignatureDoesNotMatch");
	}

	private static HttpRequest rpc(String url, Map<String, String> form) {
		StringBuilder body = new StringBuilder();
		new TreeMap<>(form).forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
	}

	// ---- independent signers

	private static String roaSignature(String secret, Map<String, String> headers, String resource) {
		Map<String, String> lower = new TreeMap<>();
		headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
		StringBuilder sts = new StringBuilder("POST\n");
		sts.append(lower.getOrDefault("accept", "")).append('\n');
		sts.append(lower.getOrDefault("content-md5", "")).append('\n');
		sts.append(lower.getOrDefault("content-type", "")).append('\n');
		sts.append(lower.getOrDefault("date", "")).append('\n');
		lower.forEach((k, v) -> {
			if (k.startsWith("x-acs-")) {
				sts.append(k).append(':').append(v).append('\n');
			}
		});
		sts.append(resource);
		return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret, sts.toString()));
	}

	private static String acs3Signature(String secret, String path, String query, TreeMap<String, String> headers,
			byte[] body) {
		StringBuilder cr = new StringBuilder("POST\n").append(path).append('\n').append(query).append('\n');
		headers.forEach((k, v) -> cr.append(k).append(':').append(v.trim()).append('\n'));
		cr.append('\n').append(String.join(";", headers.keySet())).append('\n');
		cr.append(HexFormat.of().formatHex(digest("SHA-256", body)));
		String sts = "ACS3-HMAC-SHA256\n"
				+ HexFormat.of().formatHex(digest("SHA-256", cr.toString().getBytes(StandardCharsets.UTF_8)));
		return HexFormat.of().formatHex(hmac("HmacSHA256", secret, sts));
	}

	private static String pe(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
	}

	private static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] digest(String algorithm, byte[] data) {
		try {
			return MessageDigest.getInstance(algorithm).digest(data);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private Sent send(Raw raw) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + raw.path()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(raw.body()));
		raw.headers().forEach(b::header);
		return send(b.build());
	}

	private static Sent send(HttpRequest request) {
		try {
			HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Sent(r.statusCode(), r.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
