package dev.vetter.api.acs;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Writes Alibaba's POP gateway error body. */
public final class PopErrors {

	private PopErrors() {
	}

	public static void write(HttpServletResponse response, String requestId, GatewayError error, String detail)
			throws IOException {
		response.setStatus(error.status);
		response.setContentType("application/json;charset=UTF-8");
		String message = detail == null ? error.message : error.message + detail;
		response.getWriter()
			.write("{\"RequestId\":\"" + requestId + "\",\"HostId\":\"vetter\",\"Code\":\"" + error.code
					+ "\",\"Message\":" + quote(message) + ",\"Recommend\":\"See docs/api.md#green-errors\"}");
	}

	public static String quote(String s) {
		StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

}
