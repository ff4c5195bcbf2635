package dev.vetter.api.acs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RPC signature (HMAC-SHA1, {@code SignatureVersion=1.0}) of Alibaba's RPC APIs and
 * of the Tea SDKs' {@code signatureAlgorithm="v2"} mode: every query and form-body
 * parameter but {@code Signature}, sorted by name, {@code enc(name)=enc(value)} joined by
 * {@code &}; {@code StringToSign = METHOD&%2F&enc(that)}; the key is
 * {@code secret + "&"}; Base64. Pure functions.
 */
public final class RpcSignature {

	private RpcSignature() {
	}

	/**
	 * @param params decoded query and form parameters, without {@code Signature}
	 */
	public static String stringToSign(String method, Map<String, List<String>> params) {
		TreeMap<String, List<String>> sorted = new TreeMap<>();
		params.forEach((k, values) -> {
			for (String v : values) {
				sorted.computeIfAbsent(Acs3Signature.percentEncode(k), x -> new java.util.ArrayList<>())
					.add(Acs3Signature.percentEncode(v == null ? "" : v));
			}
		});
		StringBuilder canonical = new StringBuilder();
		sorted.forEach((k, values) -> {
			for (String v : values) {
				canonical.append(canonical.isEmpty() ? "" : "&").append(k).append('=').append(v);
			}
		});
		return method + "&" + Acs3Signature.percentEncode("/") + "&"
				+ Acs3Signature.percentEncode(canonical.toString());
	}

	public static String sign(String secret, String stringToSign) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

}
