package dev.vetter.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.vetter.platform.ProblemCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * The native API's answers when authentication or authorization fails, as problem+json:
 * 401 {@code unauthenticated} with {@code WWW-Authenticate}, 429
 * {@code too-many-requests} with {@code Retry-After}, 403 {@code forbidden}.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String UNAUTHENTICATED = "send HTTP Basic credentials: AccessKeyId:AccessKeySecret or username:password";

	private ProblemResponses() {
	}

	/** 401 or, for a throttled login, 429. */
	public static AuthenticationEntryPoint basicEntryPoint(String realm) {
		return (request, response, e) -> unauthenticated(response, e, realm);
	}

	/** 403 {@code forbidden}. */
	public static AccessDeniedHandler accessDenied() {
		return (request, response, e) -> forbidden(response, e);
	}

	static void unauthenticated(HttpServletResponse response, AuthenticationException e, String realm)
			throws IOException {
		if (e instanceof LoginThrottled throttled) {
			response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
			write(response, ProblemCode.TOO_MANY_REQUESTS, throttled.getMessage());
			return;
		}
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
		write(response, ProblemCode.UNAUTHENTICATED, UNAUTHENTICATED);
	}

	static void forbidden(HttpServletResponse response, AccessDeniedException e) throws IOException {
		write(response, ProblemCode.FORBIDDEN, "your credentials do not allow this action");
	}

	/** Writes a problem+json body with the code's status. */
	public static void write(HttpServletResponse response, ProblemCode code, String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "https://vetter.dev/problems/" + code.code());
		body.put("title", HttpStatus.valueOf(code.httpStatus()).getReasonPhrase());
		body.put("status", code.httpStatus());
		body.put("detail", detail);
		body.put("code", code.code());
		response.setStatus(code.httpStatus());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

}
