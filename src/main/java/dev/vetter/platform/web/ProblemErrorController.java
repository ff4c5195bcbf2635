package dev.vetter.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vetter.platform.ProblemCode;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The error page (errors raised outside controllers, {@code sendError}) answers
 * problem+json like every other native error, for any method and any {@code Accept}.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<String> error(HttpServletRequest request) {
		Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// called directly (no error attribute), /error is just not an endpoint
		int status = attribute instanceof Integer i ? (i >= 400 ? i : 500) : 404;
		ProblemCode code = Problems.forStatus(status);
		String detail = status >= 500 ? "internal error; the request may be retried"
				: status == 404 ? "no such endpoint" : "request refused";
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.body(code, status, detail));
	}

}
