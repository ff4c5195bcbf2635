package dev.vetter.api.acs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code ACS3-HMAC-SHA256} signature (spec section 2.2), as Alibaba's Tea SDKs
 * compute it: <pre>
 * CanonicalRequest = METHOD\n path\n canonicalQuery\n canonicalHeaders\n signedHeaders\n hexSha256(body)
 * StringToSign     = "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(secret, StringToSign))
 * </pre> The canonical query sorts the decoded parameters by their encoded name and
 * writes {@code enc(name)=enc(value)} joined by {@code &} (RFC 3986 encoding:
 * {@code %20}, {@code %2A}, {@code ~}); the canonical headers are the signed headers,
 * lower case, in the order given, each {@code name:trimmedValue\n}. Pure functions.
 */
public final class Acs3Signature {

	public static final String ALGORITHM = "ACS3-HMAC-SHA256";

	private Acs3Signature() {
	}

	/** The parsed {@code Authorization} header. */
	public record Credential(String accessKeyId, List<String> signedHeaders, String signature) {
	}

	/**
	 * Parses {@code ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex}; null
	 * when anything is missing.
	 */
	public static Credential parse(String authorization) {
		if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
			return null;
		}
		Map<String, String> parts = new TreeMap<>();
		for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
			}
		}
		String ak = parts.get("Credential");
		String headers = parts.get("SignedHeaders");
		String signature = parts.get("Signature");
		if (ak == null || ak.isEmpty() || ak.length() > 128 || headers == null || headers.isEmpty() || signature == null
				|| signature.isEmpty()) {
			return null;
		}
		List<String> names = java.util.Arrays.stream(headers.split(";"))
			.map(h -> h.trim().toLowerCase(java.util.Locale.ROOT))
			.filter(h -> !h.isEmpty())
			.toList();
		return new Credential(ak, names, signature);
	}

	/**
	 * @param headers the signed headers' values as received, by lower-case name, in
	 * signing order
	 * @param query decoded query parameters (a parameter may repeat)
	 * @param payloadHash hex SHA-256 of the body
	 */
	public static String canonicalRequest(String method, String path, Map<String, List<String>> query,
			List<Map.Entry<String, String>> headers, String payloadHash) {
		StringBuilder sb = new StringBuilder(512);
		sb.append(method).append('\n');
		sb.append(path == null || path.isEmpty() ? "/" : path).append('\n');
		sb.append(canonicalQuery(query)).append('\n');
		StringBuilder names = new StringBuilder();
		for (Map.Entry<String, String> h : headers) {
			sb.append(h.getKey()).append(':').append(h.getValue() == null ? "" : h.getValue().trim()).append('\n');
			names.append(names.isEmpty() ? "" : ";").append(h.getKey());
		}
		sb.append('\n').append(names).append('\n').append(payloadHash);
		return sb.toString();
	}

	public static String canonicalQuery(Map<String, List<String>> query) {
		TreeMap<String, List<String>> sorted = new TreeMap<>();
		query.forEach((k, values) -> {
			for (String v : values) {
				sorted.computeIfAbsent(percentEncode(k), x -> new java.util.ArrayList<>())
					.add(v == null ? "" : percentEncode(v));
			}
		});
		StringBuilder sb = new StringBuilder();
		sorted.forEach((k, values) -> {
			for (String v : values) {
				sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(v);
			}
		});
		return sb.toString();
	}

	public static String stringToSign(String canonicalRequest) {
		return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
	}

	public static String sign(String secret, String stringToSign) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String sha256Hex(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * RFC 3986 percent-encoding as Alibaba's SDKs do it: URL-encode, then {@code +} to
	 * {@code %20}, {@code *} to {@code %2A}, {@code %7E} to {@code ~}.
	 */
	public static String percentEncode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
	}

}
