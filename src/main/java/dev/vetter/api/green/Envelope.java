package dev.vetter.api.green;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Green response envelope: HTTP 200 with the outcome in {@code code}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Envelope(int code, String msg, String requestId, Object data) {

	static Envelope ok(String requestId, Object data) {
		return new Envelope(200, "OK", requestId, data);
	}

	static Envelope error(String requestId, int code, String msg) {
		return new Envelope(code, msg, requestId, null);
	}
}
