package dev.vetter.api.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * ACS3-HMAC-SHA256 and the RPC HMAC-SHA1 signature against vectors computed independently
 * of this code, with Python's standard library ({@code hashlib}, {@code hmac},
 * {@code urllib.parse.quote(s, safe='-_.~')} for RFC 3986 encoding):
 *
 * <pre>
 * q  = {"Service": "baselineCheck", "ServiceParameters": '{"imageUrl":"https://x.example/a b.jpg","dataId":"d*1~"}'}
 * cq = "&amp;".join(pe(k) + "=" + pe(v) for k, v in sorted(q.items()))
 * ph = hashlib.sha256(b"").hexdigest()
 * headers (in order) host, x-acs-action, x-acs-content-sha256, x-acs-date, x-acs-signature-nonce, x-acs-version
 * cr = "POST\n/\n" + cq + "\n" + "".join(k + ":" + v + "\n") + "\n" + ";".join(names) + "\n" + ph
 * sig = hmac.new(secret, ("ACS3-HMAC-SHA256\n" + sha256(cr).hexdigest()).encode(), sha256).hexdigest()
 * </pre>
 *
 * (an ImageAsyncModeration call as green20220302 sends it: parameters in the query, empty
 * body).
 */
class Acs3SignatureTest {

	static final String SECRET = "testAccessKeySecret0123456789";

	static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	@Test
	void canonicalRequestAndSignatureMatchTheIndependentVector() {
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("ServiceParameters", List.of("{\"imageUrl\":\"https://x.example/a b.jpg\",\"dataId\":\"d*1~\"}"));
		query.put("Service", List.of("baselineCheck"));
		List<Map.Entry<String, String>> headers = List.of(new SimpleEntry<>("host", "127.0.0.1:8080"),
				new SimpleEntry<>("x-acs-action", "ImageAsyncModeration"),
				new SimpleEntry<>("x-acs-content-sha256", EMPTY_SHA256),
				new SimpleEntry<>("x-acs-date", "2026-12-02T07:00:00Z"),
				new SimpleEntry<>("x-acs-signature-nonce", "3a7c0a0e"),
				new SimpleEntry<>("x-acs-version", "2022-03-02"));

		String canonical = Acs3Signature.canonicalRequest("POST", "/", query, headers,
				Acs3Signature.sha256Hex(new byte[0]));

		assertThat(canonical).isEqualTo("POST\n/\n"
				+ "Service=baselineCheck&ServiceParameters=%7B%22imageUrl%22%3A%22https%3A%2F%2Fx.example%2Fa%20b.jpg%22%2C%22dataId%22%3A%22d%2A1~%22%7D\n"
				+ "host:127.0.0.1:8080\nx-acs-action:ImageAsyncModeration\nx-acs-content-sha256:" + EMPTY_SHA256
				+ "\nx-acs-date:2026-12-02T07:00:00Z\nx-acs-signature-nonce:3a7c0a0e\nx-acs-version:2022-03-02\n\n"
				+ "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
				+ EMPTY_SHA256);
		String stringToSign = Acs3Signature.stringToSign(canonical);
		assertThat(stringToSign)
			.isEqualTo("ACS3-HMAC-SHA256\n0abfb1493f6e189882235b8c544374673d33cb716acca561b876233871ff743b");
		assertThat(Acs3Signature.sign(SECRET, stringToSign))
			.isEqualTo("658a8adb0ef0ab77bfe3be434a1292460ede17084f06a33af9e0ff394becc5c0");
		assertThat(Acs3Signature.sign("wrong" + SECRET, stringToSign))
			.isNotEqualTo("658a8adb0ef0ab77bfe3be434a1292460ede17084f06a33af9e0ff394becc5c0");
	}

	@Test
	void parsesTheAuthorizationHeaderOfBothTeaSdks() {
		Acs3Signature.Credential c = Acs3Signature.parse(
				"ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=accept;content-type;host;user-agent;x-acs-action,Signature=ab12");
		assertThat(c.accessKeyId()).isEqualTo("AK1");
		assertThat(c.signedHeaders()).containsExactly("accept", "content-type", "host", "user-agent", "x-acs-action");
		assertThat(c.signature()).isEqualTo("ab12");
		assertThat(Acs3Signature.parse("ACS3-HMAC-SHA256 Credential=AK1,Signature=ab12")).isNull();
		assertThat(Acs3Signature.parse("acs AK1:sig")).isNull();
	}

	@Test
	void percentEncodingIsRfc3986AsAlibabaSdksDoIt() {
		assertThat(Acs3Signature.percentEncode("a b+c*d~e/")).isEqualTo("a%20b%2Bc%2Ad~e%2F");
		assertThat(Acs3Signature.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	/**
	 * RPC: {@code sts = "POST&%2F&" + pe("&".join(pe(k)+"="+pe(v) for sorted params))},
	 * {@code base64(hmac_sha1(secret + "&", sts))}, computed the same way in Python; the
	 * form-body parameters (Service, ServiceParameters) are signed with the query.
	 */
	@Test
	void rpcSignatureMatchesTheIndependentVector() {
		Map<String, List<String>> params = new LinkedHashMap<>();
		params.put("AccessKeyId", List.of("LTAItestAccessKey"));
		params.put("Action", List.of("TextModeration"));
		params.put("Format", List.of("json"));
		params.put("SignatureMethod", List.of("HMAC-SHA1"));
		params.put("SignatureNonce", List.of("n-1"));
		params.put("SignatureVersion", List.of("1.0"));
		params.put("Timestamp", List.of("2026-12-02T07:00:00Z"));
		params.put("Version", List.of("2022-03-02"));
		params.put("Service", List.of("comment_detection"));
		params.put("ServiceParameters", List.of("{\"content\":\"I will kill you\"}"));

		String sts = RpcSignature.stringToSign("POST", params);

		assertThat(sts).isEqualTo("POST&%2F&AccessKeyId%3DLTAItestAccessKey%26Action%3DTextModeration"
				+ "%26Format%3Djson%26Service%3Dcomment_detection%26ServiceParameters%3D%257B%2522content%2522"
				+ "%253A%2522I%2520will%2520kill%2520you%2522%257D%26SignatureMethod%3DHMAC-SHA1"
				+ "%26SignatureNonce%3Dn-1%26SignatureVersion%3D1.0%26Timestamp%3D2026-12-02T07%253A00%253A00Z"
				+ "%26Version%3D2022-03-02");
		assertThat(RpcSignature.sign(SECRET, sts)).isEqualTo("8fd63rGinC6IBvXZDc1GSBTfDmY=");
	}

}
