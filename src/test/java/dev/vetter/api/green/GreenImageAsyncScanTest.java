package dev.vetter.api.green;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.aliyuncs.green.model.v20180509.ImageAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.ImageAsyncScanResultsRequest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.detection.image.TestImages;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /green/image/asyncscan} and {@code /green/image/results} through Alibaba's SDK:
 * the job runs on the worker, the result is polled (280, then 200) and delivered to the
 * request's callback; a task whose image cannot be fetched fails alone with its code.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class GreenImageAsyncScanTest {

	static HttpServer server;

	static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

	static final List<String> CALLBACKS = new CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@BeforeAll
	static void serve() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			if ("POST".equals(exchange.getRequestMethod())) {
				CALLBACKS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
				return;
			}
			byte[] body = FILES.get(exchange.getRequestURI().getPath());
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
			}
			else {
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	private static String base() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@Test
	void anAsyncScanIsPolledUntilDoneAndDeliveredToTheCallback() {
		BufferedImage photo = TestImages.photo("coffee.png");
		BufferedImage withCode = TestImages.paste(photo, TestImages.qrCode("https://qr.example/async", 5), 200, 200, 0);
		FILES.put("/async-qr.png", TestImages.encode(withCode, "png"));
		GreenSdk sdk = GreenSdk.of(port);

		JsonNode submitted = sdk
			.call(new ImageAsyncScanRequest(),
					"{\"scenes\":[\"qrcode\"],\"callback\":\"" + base()
							+ "/cb\",\"seed\":\"s33d\",\"tasks\":[{\"dataId\":\"a1\",\"url\":\"" + base()
							+ "/async-qr.png\"},{\"dataId\":\"a2\",\"url\":\"" + base()
							+ "/missing.png\"},{\"dataId\":\"a3\"}]}")
			.json();
		assertThat(submitted.get("code").asInt()).as(submitted.toString()).isEqualTo(200);
		JsonNode data = submitted.get("data");
		assertThat(data.get(0).get("code").asInt()).isEqualTo(200);
		String taskId = data.get(0).get("taskId").asString();
		assertThat(taskId).startsWith("img");
		assertThat(data.get(2).get("code").asInt()).isEqualTo(400);
		String missingId = data.get(1).get("taskId").asString();

		JsonNode done = Await.until(
				() -> sdk.call(new ImageAsyncScanResultsRequest(), "[\"" + taskId + "\"]").json().at("/data/0"),
				r -> r.get("code").asInt() != 280, "the image job's result");
		assertThat(done.get("code").asInt()).as(done.toString()).isEqualTo(200);
		assertThat(done.get("dataId").asString()).isEqualTo("a1");
		JsonNode scene = done.get("results").get(0);
		assertThat(scene.get("scene").asString()).isEqualTo("qrcode");
		assertThat(scene.get("label").asString()).isEqualTo("qrcode");
		assertThat(scene.get("qrcodeData").get(0).asString()).isEqualTo("https://qr.example/async");

		JsonNode failed = Await
			.until(() -> sdk.call(new ImageAsyncScanResultsRequest(), "[{\"taskId\":\"" + missingId + "\"}]")
				.json()
				.at("/data/0"), r -> r.get("code").asInt() != 280, "the failed job's result");
		assertThat(failed.get("code").asInt()).as(failed.toString()).isEqualTo(480);

		String callback = Await.until(() -> {
			worker.deliverDue();
			return CALLBACKS.stream()
				.map(b -> URLDecoder.decode(b, StandardCharsets.UTF_8))
				.filter(b -> b.contains(taskId))
				.findFirst()
				.orElse(null);
		}, b -> b != null, "the callback of the image job");
		assertThat(callback).contains("checksum=").contains("https://qr.example/async");
		assertThat(Api.JSON.readTree(callback.substring(callback.indexOf("content=") + 8)).get("taskId").asString())
			.isEqualTo(taskId);
	}

}
