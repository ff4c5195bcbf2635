package dev.vetter.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import dev.vetter.platform.ProblemCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json where no controller advice runs (servlet filters, the error page,
 * Tomcat's own rejections).
 */
final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	static String body(ProblemCode code, int status, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://vetter.dev/problems/" + code.code());
		HttpStatus known = HttpStatus.resolve(status);
		problem.put("title", known != null ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("code", code.code());
		return JSON.writeValueAsString(problem);
	}

	static void write(HttpServletResponse response, ProblemCode code, String detail) throws IOException {
		response.resetBuffer();
		response.setStatus(code.httpStatus());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(body(code, code.httpStatus(), detail));
		response.flushBuffer();
	}

	/** The code for a status that no handler chose (Tomcat's and the error page's). */
	static ProblemCode forStatus(int status) {
		return switch (status) {
			case 401 -> ProblemCode.UNAUTHENTICATED;
			case 403 -> ProblemCode.FORBIDDEN;
			case 404 -> ProblemCode.NOT_FOUND;
			case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
			case 406 -> ProblemCode.NOT_ACCEPTABLE;
			case 413 -> ProblemCode.TOO_LARGE;
			case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
			default -> status >= 500 ? ProblemCode.INTERNAL : ProblemCode.BAD_REQUEST;
		};
	}

}
