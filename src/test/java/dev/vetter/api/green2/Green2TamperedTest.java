package dev.vetter.api.green2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.TextModerationRequest;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.support.Api;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The exact bytes {@code green20220302} 2.2.4 signs, captured by a local recorder and
 * sent to Vetter over a raw socket (so the signed {@code Host} is kept): the genuine
 * request answers, a tampered one is refused, in both signature modes.
 */
@IntegrationTest
class Green2TamperedTest {

	@LocalServerPort
	int port;

	/** One captured request. */
	record Captured(String requestLine, List<String[]> headers, byte[] body) {
	}

	@Test
	void acs3RequestFromTheSdkIsAcceptedAndRefusedWhenTampered() {
		Captured genuine = capture(null);
		assertThat(header(genuine, "Authorization")).startsWith("ACS3-HMAC-SHA256 ");
		JsonNode ok = Api.JSON.readTree(send(genuine, null, null));
		assertThat(ok.get("Code").asInt()).as(ok.toString()).isEqualTo(200);

		Captured second = capture(null);
		assertThat(code(send(second, tamper(second.body()), null))).isEqualTo("ContentSHA256NotMatched");
		Captured third = capture(null);
		byte[] changed = tamper(third.body());
		assertThat(code(send(third, changed, Map.of("x-acs-content-sha256", sha256(changed)))))
			.isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void rpcRequestFromTheSdkIsAcceptedAndRefusedWhenTampered() {
		Captured genuine = capture("v2");
		assertThat(genuine.requestLine()).contains("Signature=").contains("Action=TextModeration");
		JsonNode ok = Api.JSON.readTree(send(genuine, null, null));
		assertThat(ok.get("Code").asInt()).as(ok.toString()).isEqualTo(200);

		Captured second = capture("v2");
		assertThat(code(send(second, tamper(second.body()), null))).isEqualTo("SignatureDoesNotMatch");
	}

	private static byte[] tamper(byte[] body) {
		return new String(body, StandardCharsets.UTF_8).replace("calm", "wild").getBytes(StandardCharsets.UTF_8);
	}

	private static String code(String response) {
		return Api.JSON.readTree(response).get("Code").asString();
	}

	/** Lets the SDK sign a TextModeration call and records what it sends. */
	private Captured capture(String algorithm) {
		AtomicReference<Captured> captured = new AtomicReference<>();
		HttpServer recorder;
		try {
			recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		recorder.createContext("/", exchange -> {
			List<String[]> headers = new ArrayList<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> values.forEach(v -> headers.add(new String[] { name, v })));
			captured.set(new Captured(
					exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
							+ (exchange.getRequestURI().getRawQuery() == null ? ""
									: "?" + exchange.getRequestURI().getRawQuery()),
					headers, exchange.getRequestBody().readAllBytes()));
			byte[] answer = "{\"Code\":200,\"Message\":\"OK\",\"RequestId\":\"r\",\"Data\":{}}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		recorder.start();
		try {
			// the SDK signs the recorder's host:port; the raw replay below sends that
			// same
			// Host header, and Vetter verifies with the Host it received
			Client client = GreenSdk2.client(recorder.getAddress().getPort(), Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET,
					algorithm);
			client.textModerationWithOptions(new TextModerationRequest().setService("comment_detection")
				.setServiceParameters("{\"content\":\"a calm sea\"}"), new RuntimeOptions());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			recorder.stop(0);
		}
		return captured.get();
	}

	private static String header(Captured c, String name) {
		return c.headers().stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
	}

	/**
	 * Sends the captured request to Vetter as it was (request line, headers including the
	 * signed Host, body), with another body and headers if given.
	 */
	private String send(Captured c, byte[] body, Map<String, String> overrides) {
		byte[] payload = body != null ? body : c.body();
		StringBuilder head = new StringBuilder(c.requestLine()).append(" HTTP/1.1\r\n");
		for (String[] h : c.headers()) {
			String name = h[0];
			if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
					|| name.equalsIgnoreCase("Connection")
					|| (overrides != null && overrides.keySet().stream().anyMatch(name::equalsIgnoreCase))) {
				continue;
			}
			head.append(name).append(": ").append(h[1]).append("\r\n");
		}
		if (overrides != null) {
			overrides.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
		}
		head.append("Content-Length: ").append(payload.length).append("\r\nConnection: close\r\n\r\n");
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(payload);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			String text = response.toString(StandardCharsets.UTF_8);
			String bodyText = text.substring(text.indexOf("\r\n\r\n") + 4);
			if (text.toLowerCase().contains("transfer-encoding: chunked")) {
				bodyText = dechunk(bodyText);
			}
			return bodyText;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < chunked.length()) {
			int eol = chunked.indexOf("\r\n", i);
			int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
			if (size == 0) {
				break;
			}
			out.append(chunked, eol + 2, eol + 2 + size);
			i = eol + 2 + size + 2;
		}
		return out.toString();
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
