package dev.vetter.api.acs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The ACS ROA signature of Green API 1.0 (spec section 2.1), as aliyun-java-sdk-core
 * computes it: <pre>
 * METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n + sorted "x-acs-name:value\n" lines + path[?sorted decoded query]
 * </pre> signed with HMAC-SHA1 (or HMAC-SM3) under the AccessKeySecret, Base64-encoded.
 * Pure functions.
 */
public final class AcsSignature {

	private AcsSignature() {
	}

	/** What the signature covers, taken from the request exactly as received. */
	public record Signed(String method, String accept, String contentMd5, String contentType, String date,
			Map<String, String> acsHeaders, String path, String rawQuery) {
	}

	public static String stringToSign(Signed s) {
		StringBuilder sb = new StringBuilder(256);
		sb.append(s.method()).append('\n');
		sb.append(nz(s.accept())).append('\n');
		sb.append(nz(s.contentMd5())).append('\n');
		sb.append(nz(s.contentType())).append('\n');
		sb.append(nz(s.date())).append('\n');
		sb.append(canonicalHeaders(s.acsHeaders()));
		sb.append(canonicalResource(s.path(), s.rawQuery()));
		return sb.toString();
	}

	/**
	 * The doc formula's variant with a blank line between headers and resource; accepted
	 * as a safety net.
	 */
	public static String docVariant(Signed s) {
		String sts = stringToSign(s);
		String resource = canonicalResource(s.path(), s.rawQuery());
		return sts.substring(0, sts.length() - resource.length()) + "\n" + resource;
	}

	public static String canonicalHeaders(Map<String, String> acsHeaders) {
		TreeMap<String, String> sorted = new TreeMap<>();
		acsHeaders.forEach((k, v) -> sorted.put(k.toLowerCase(java.util.Locale.ROOT), v == null ? "" : v.trim()));
		StringBuilder sb = new StringBuilder();
		sorted.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
		return sb.toString();
	}

	public static String canonicalResource(String path, String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return path;
		}
		TreeMap<String, List<String>> params = new TreeMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? null : decode(pair.substring(eq + 1));
			params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
		if (params.isEmpty()) {
			return path;
		}
		StringBuilder sb = new StringBuilder(path).append('?');
		boolean first = true;
		for (Map.Entry<String, List<String>> e : params.entrySet()) {
			for (String value : e.getValue()) {
				if (!first) {
					sb.append('&');
				}
				first = false;
				sb.append(e.getKey());
				if (value != null && !value.isEmpty()) {
					sb.append('=').append(value);
				}
			}
		}
		return sb.toString();
	}

	public static String sign(String method, String secret, String stringToSign) {
		byte[] key = secret.getBytes(StandardCharsets.UTF_8);
		byte[] data = stringToSign.getBytes(StandardCharsets.UTF_8);
		if ("HMAC-SM3".equalsIgnoreCase(method)) {
			HMac mac = new HMac(new SM3Digest());
			mac.init(new KeyParameter(key));
			mac.update(data, 0, data.length);
			byte[] out = new byte[mac.getMacSize()];
			mac.doFinal(out, 0);
			return Base64.getEncoder().encodeToString(out);
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public static boolean matches(String expected, String received) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				received.getBytes(StandardCharsets.US_ASCII));
	}

	public static String contentMd5(byte[] body) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String sm3Hex(byte[] body) {
		SM3Digest digest = new SM3Digest();
		digest.update(body, 0, body.length);
		byte[] out = new byte[digest.getDigestSize()];
		digest.doFinal(out, 0);
		return java.util.HexFormat.of().formatHex(out);
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

}
