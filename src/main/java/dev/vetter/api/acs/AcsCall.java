package dev.vetter.api.acs;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An authenticated request of an Alibaba-compatible API: who signed it, how, the exact
 * body bytes that were verified and, for API 2.0, the decoded query and form parameters
 * (merged, query first).
 */
public record AcsCall(long tenantId, String accessKeyId, String requestId, Scheme scheme, byte[] body,
		Map<String, List<String>> parameters) {

	/** How the request was signed. */
	public enum Scheme {

		/** {@code Authorization: acs AK:sig}, HMAC-SHA1 or HMAC-SM3 (API 1.0 ROA) */
		ACS,
		/** {@code Authorization: ACS3-HMAC-SHA256 ...} */
		ACS3,
		/** RPC query signature, HMAC-SHA1 ({@code Signature} parameter) */
		RPC

	}

	private static final String ATTRIBUTE = AcsCall.class.getName();

	void attach(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	public static AcsCall of(HttpServletRequest request) {
		AcsCall call = (AcsCall) request.getAttribute(ATTRIBUTE);
		if (call == null) {
			throw new IllegalStateException("Request was not authenticated");
		}
		return call;
	}

	/** The request id of an authenticated request, or a new one. */
	public static String requestId(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof AcsCall c ? c.requestId() : RequestIds.next();
	}

	/** The first value of a parameter, or null. */
	public String parameter(String name) {
		List<String> values = parameters.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

}
