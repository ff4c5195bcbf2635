package dev.vetter.api.green;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An authenticated Green request: who signed it and the exact body bytes that were
 * verified.
 */
record GreenCall(long tenantId, String accessKeyId, String requestId, byte[] body) {

	private static final String ATTRIBUTE = GreenCall.class.getName();

	void attach(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	static GreenCall of(HttpServletRequest request) {
		GreenCall call = (GreenCall) request.getAttribute(ATTRIBUTE);
		if (call == null) {
			throw new IllegalStateException("Green request was not authenticated");
		}
		return call;
	}
}
