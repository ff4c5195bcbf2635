package dev.vetter.platform.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/**
 * Maps exceptions of the native API to RFC 9457 problem+json with a stable {@code code}
 * member. 5xx never leak internals: the message is generic and the cause goes to the log.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	public static ResponseEntity<ProblemDetail> problem(ProblemCode code, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
		pd.setType(URI.create("https://vetter.dev/problems/" + code.code()));
		pd.setProperty("code", code.code());
		return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

	@ExceptionHandler(VetterException.class)
	ResponseEntity<ProblemDetail> vetter(VetterException e) {
		return problem(e.problem(), e.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
		for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof VetterException v) {
				return problem(v.problem(), v.getMessage());
			}
		}
		String described = StrictJson.describe(e.getCause());
		if (described != null) {
			return problem(ProblemCode.VALIDATION_FAILED, described);
		}
		return problem(ProblemCode.MALFORMED_JSON, "request body is not valid JSON of the expected shape");
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
		String detail = e.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(f -> f.getField() + ": " + f.getDefaultMessage())
			.findFirst()
			.orElse("invalid request");
		return problem(ProblemCode.VALIDATION_FAILED, detail);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ResponseEntity<ProblemDetail> badParameter(Exception e) {
		return problem(ProblemCode.BAD_REQUEST, "invalid or missing request parameter");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
		return problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send application/json");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
		return problem(ProblemCode.NOT_ACCEPTABLE, "this API answers application/json");
	}

	@ExceptionHandler({ MissingRequestValueException.class, ServletRequestBindingException.class })
	ResponseEntity<ProblemDetail> missingValue(Exception e) {
		return problem(ProblemCode.BAD_REQUEST, "invalid or missing request value");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
		return problem(ProblemCode.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here");
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
		return problem(ProblemCode.NOT_FOUND, "no such endpoint");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		log.error("Unexpected error", e);
		return problem(ProblemCode.INTERNAL, "internal error; the request may be retried");
	}

}
