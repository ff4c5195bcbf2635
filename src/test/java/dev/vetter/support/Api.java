package dev.vetter.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small native-API client for tests. */
public final class Api {

	public static final long TENANT_UID = 1234567890123456L;

	public static final String ACCESS_KEY_ID = "LTAItestAccessKey";

	public static final String ACCESS_KEY_SECRET = "testAccessKeySecret0123456789";

	public static final String OPERATOR = "operator";

	public static final String OPERATOR_PASSWORD = "operator-secret-1";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String base;

	private final String authorization;

	public Api(int port, String user, String password) {
		this.base = "http://127.0.0.1:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public static Api tenant(int port) {
		return new Api(port, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
	}

	public static Api operator(int port) {
		return new Api(port, OPERATOR, OPERATOR_PASSWORD);
	}

	public record Response(int status, String body, String contentType) {

		public JsonNode json() {
			return JSON.readTree(body);
		}
	}

	/** The {@code Authorization} header value this client sends. */
	public String authorization() {
		return authorization;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public Response post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * A {@code multipart/form-data} POST: the form fields (a list value repeats the
	 * field) and one file part named {@code file}.
	 */
	public Response upload(String path, java.util.Map<String, ?> fields, String fileName, byte[] file) {
		String boundary = "vetter-test-" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
		fields.forEach((name, value) -> {
			for (Object v : value instanceof java.util.Collection<?> c ? c : java.util.List.of(value)) {
				text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + v
						+ "\r\n");
			}
		});
		text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		body.writeBytes(file);
		text.accept("\r\n--" + boundary + "--\r\n");
		return send(
				HttpRequest.newBuilder(URI.create(base + path))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
				"multipart/form-data; boundary=" + boundary);
	}

	public Response put(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
	}

	private Response send(HttpRequest.Builder builder) {
		return send(builder, "application/json");
	}

	private Response send(HttpRequest.Builder builder, String contentType) {
		try {
			HttpResponse<String> r = HTTP.send(
					builder.header("Authorization", authorization).header("Content-Type", contentType).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
