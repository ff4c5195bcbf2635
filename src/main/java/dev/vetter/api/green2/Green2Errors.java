package dev.vetter.api.green2;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.vetter.api.acs.AcsCall;
import dev.vetter.platform.VetterException;

/**
 * Green API 2.0 answers HTTP 200 with the outcome in {@code Code} (the same numeric codes
 * as 1.0: 400 bad parameters, 404 unknown task, 589 too large, 594 expired, 596 manual
 * review not enabled) and {@code Message} (also as {@code Msg}, which the image models
 * read); 501 for actions not served yet.
 */
@RestControllerAdvice(basePackageClasses = Green2Errors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Green2Errors {

	static final int NOT_AVAILABLE_YET = 501;

	private static final Logger log = LoggerFactory.getLogger(Green2Errors.class);

	/** Text over the length limit: code 589. */
	static final class TooLarge extends RuntimeException {

		TooLarge(String message) {
			super(message, null, false, false);
		}

	}

	static Map<String, Object> body(String requestId, int code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("Code", code);
		body.put("Message", message);
		// the image models of the SDK read Msg, the others Message
		body.put("Msg", message);
		body.put("RequestId", requestId);
		return body;
	}

	@ExceptionHandler(VetterException.class)
	ResponseEntity<Map<String, Object>> vetter(VetterException e, HttpServletRequest request) {
		return answer(request, e.problem().greenCode(), e.getMessage());
	}

	@ExceptionHandler(TooLarge.class)
	ResponseEntity<Map<String, Object>> tooLarge(TooLarge e, HttpServletRequest request) {
		return answer(request, 589, "TOO_LARGE: " + e.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
		log.error("Unexpected error in Green API 2.0 {}", request.getHeader("x-acs-action"), e);
		return answer(request, 500, "GENERAL_ERROR: internal error, retry later");
	}

	private static ResponseEntity<Map<String, Object>> answer(HttpServletRequest request, int code, String message) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(AcsCall.requestId(request), code, message));
	}

}
