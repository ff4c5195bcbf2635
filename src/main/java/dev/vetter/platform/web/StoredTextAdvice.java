package dev.vetter.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies {@link StoredText} to every JSON request body before it is bound, whatever type
 * it is bound to, so no route can store a NUL or a lone surrogate. A body that is not
 * JSON is left to the converter, which refuses it with {@code malformed-json}.
 */
@ControllerAdvice
class StoredTextAdvice extends RequestBodyAdviceAdapter {

	private final JsonMapper json;

	StoredTextAdvice(JsonMapper json) {
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		MediaType type = input.getHeaders().getContentType();
		if (type == null
				|| !(type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))) {
			return input;
		}
		byte[] body = input.getBody().readAllBytes();
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (JacksonException e) {
			tree = null;
		}
		if (tree != null) {
			StoredText.check(tree, "");
		}
		HttpHeaders headers = input.getHeaders();
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}
		};
	}

}
