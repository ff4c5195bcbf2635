package dev.vetter.api.green;

import jakarta.servlet.http.HttpServletRequest;

import dev.vetter.api.acs.AcsCall;

/**
 * An authenticated Green request: who signed it and the exact body bytes that were
 * verified.
 */
record GreenCall(long tenantId, String accessKeyId, String requestId, byte[] body) {

	static GreenCall of(HttpServletRequest request) {
		AcsCall call = AcsCall.of(request);
		return new GreenCall(call.tenantId(), call.accessKeyId(), call.requestId(), call.body());
	}
}
