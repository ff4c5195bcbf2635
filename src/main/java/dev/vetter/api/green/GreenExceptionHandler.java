package dev.vetter.api.green;

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
 * Green controllers answer HTTP 200 with the outcome in the envelope's {@code code}, as
 * Alibaba does.
 */
@RestControllerAdvice(basePackageClasses = GreenExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class GreenExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GreenExceptionHandler.class);

	@ExceptionHandler(VetterException.class)
	ResponseEntity<Envelope> vetter(VetterException e, HttpServletRequest request) {
		return envelope(request, e.problem().greenCode(), e.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Envelope> unexpected(Exception e, HttpServletRequest request) {
		log.error("Unexpected error in {}", request.getRequestURI(), e);
		return envelope(request, 500, "GENERAL_ERROR: internal error, retry later");
	}

	private static ResponseEntity<Envelope> envelope(HttpServletRequest request, int code, String msg) {
		String requestId = AcsCall.requestId(request);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Envelope.error(requestId, code, msg));
	}

}
