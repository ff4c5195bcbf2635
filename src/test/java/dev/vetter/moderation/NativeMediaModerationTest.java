package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import dev.vetter.api.green.GreenImageScanTest;
import dev.vetter.detection.image.TestImages;
import dev.vetter.detection.MediaFixtures;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The native media endpoints: {@code POST /v1/image/moderations} (synchronous, by URL and
 * by upload), {@code POST /v1/video|voice/moderations} (jobs, by URL and by upload),
 * {@code GET /v1/jobs/{taskId}} with the native document and {@code POST
 * /v1/jobs/{taskId}/cancel}; bad input named by field, refused targets, tenant isolation.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class NativeMediaModerationTest {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	private static long library(Fixtures.TenantKey tenant, String action, String phrase) {
		long lib = tenant.api()
			.post("/v1/libraries",
					"{\"name\":\"lib" + System.nanoTime() + "\",\"kind\":\"TEXT\",\"action\":\"" + action + "\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"" + phrase + "\"]}");
		return lib;
	}

	private static JsonNode finding(JsonNode doc, String scene) {
		for (JsonNode f : doc.get("findings")) {
			if (scene.equals(f.path("scene").asString())) {
				return f;
			}
		}
		throw new AssertionError("no finding of scene " + scene + " in " + doc);
	}

	private static JsonNode awaitJob(Api api, String taskId) {
		return Await.until(() -> api.get("/v1/jobs/" + taskId).json(),
				j -> !List.of("QUEUED", "PROCESSING").contains(j.get("state").asString()), "job " + taskId,
				Await.MEDIA_JOB);
	}

	@Test
	void anImageIsModeratedByUrlAndByUploadIntoTheNativeDocument() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		BufferedImage code = TestImages.qrCode("https://qr.example/join-now", 6);
		BufferedImage pasted = TestImages.paste(TestImages.photo("astronaut.png"), code, 300, 260, 8);
		String qr = media.serve("/native-qr.jpg", TestImages.jpeg(pasted, 0.9f));

		Api.Response byUrl = tenant.api()
			.post("/v1/image/moderations", "{\"url\":\"" + qr + "\",\"dataId\":\"i1\",\"scenes\":[\"qrcode\"]}");
		assertThat(byUrl.status()).as(byUrl.body()).isEqualTo(200);
		JsonNode doc = byUrl.json();
		assertThat(doc.get("taskId").asString()).startsWith("img");
		assertThat(doc.get("dataId").asString()).isEqualTo("i1");
		assertThat(doc.get("kind").asString()).isEqualTo("image");
		assertThat(doc.get("suggestion").asString()).isEqualTo("review");
		assertThat(doc.get("label").asString()).isEqualTo("qrcode");
		assertThat(doc.has("results")).as("native, not Green's shape").isFalse();
		JsonNode qrFinding = finding(doc, "qrcode");
		assertThat(qrFinding.at("/qrcodes/0/data").asString()).isEqualTo("https://qr.example/join-now");
		assertThat(qrFinding.at("/qrcodes/0/box/w").asInt()).isPositive();

		library(tenant, "BLOCK", "zorblax");
		BufferedImage spam = GreenImageScanTest.captioned(TestImages.photo("chelsea.png"), "BUY ZORBLAX NOW", 8);
		Api.Response upload = tenant.api()
			.upload("/v1/image/moderations", Map.of("dataId", "u1", "scenes", List.of("ad", "ocr")), "spam.png",
					TestImages.encode(spam, "png"));
		assertThat(upload.status()).as(upload.body()).isEqualTo(200);
		JsonNode uploaded = upload.json();
		assertThat(uploaded.get("suggestion").asString()).isEqualTo("block");
		assertThat(uploaded.get("label").asString()).isEqualTo("customized");
		assertThat(finding(uploaded, "ad").at("/matches/0/text").asString()).isEqualToIgnoringCase("zorblax");
		assertThat(String.join(" ", uploaded.get("text").valueStream().map(JsonNode::asString).toList()))
			.containsIgnoringCase("zorblax");
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndPrivateTargetsAreRefused() {
		Api api = new Fixtures(port).tenant().api();
		assertProblem(api.post("/v1/image/moderations", "{\"dataId\":\"x\"}"), 400, "validation-failed", "url");
		assertProblem(api.post("/v1/image/moderations", "{\"url\":\"http://x.test/a.png\",\"scenes\":[\"antispam\"]}"),
				400, "validation-failed", "scenes[0]");
		assertProblem(api.post("/v1/image/moderations", "{\"url\":\"ftp://x.test/a.png\"}"), 400, "validation-failed",
				"url");
		assertProblem(api.post("/v1/image/moderations", "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}"), 400,
				"validation-failed", "url");
		assertProblem(api.post("/v1/video/moderations", "{\"url\":\"http://169.254.169.254/v.mp4\"}"), 400,
				"validation-failed", "url");
		assertProblem(api.post("/v1/voice/moderations", "{\"url\":\"http://[fd00::1]/a.wav\",\"dataId\":\"a b\"}"), 400,
				"validation-failed", "dataId");
		assertProblem(api.post("/v1/video/moderations", "{\"url\":\"http://x.test/v.mp4\",\"interval\":0}"), 400,
				"validation-failed", "interval");
		assertProblem(api.post("/v1/video/moderations", "{\"url\":\"http://x.test/v.mp4\",\"maxFrames\":4000}"), 400,
				"validation-failed", "maxFrames");
		assertProblem(api.post("/v1/video/moderations", "{\"url\":\"http://x.test/v.mp4\",\"audioScenes\":[\"porn\"]}"),
				400, "validation-failed", "audioScenes[0]");
		assertProblem(api.post("/v1/video/moderations", "{\"url\":\"http://x.test/v.mp4\",\"callback\":\"ftp://x\"}"),
				400, "validation-failed", "callback");
		// an upload is sniffed: an HTML page is not an image, nor a video
		byte[] html = "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
		assertProblem(api.upload("/v1/image/moderations", Map.of(), "a.png", html), 422, "bad-media", "file");
		assertProblem(api.upload("/v1/video/moderations", Map.of(), "a.mp4", html), 422, "bad-media", "file");
		// a URL that cannot be fetched: the image's own problem
		assertProblem(
				api.post("/v1/image/moderations", "{\"url\":\""
						+ media.serve("/present.bin", new byte[] { 1 }).replace("present", "absent") + "\"}"),
				422, "media-unavailable", "HTTP 404");
	}

	@Test
	void theOpenApiDocumentOffersJsonAndUploadOnEachMediaRoute() {
		JsonNode paths = new Api(port, Api.ACCESS_KEY_ID, Api.ACCESS_KEY_SECRET).get("/v3/api-docs")
			.json()
			.get("paths");
		for (String kind : List.of("image", "video", "voice")) {
			JsonNode content = paths.at("/~1v1~1" + kind + "~1moderations/post/requestBody/content");
			assertThat(content.has("application/json")).as(kind + ": " + content).isTrue();
			assertThat(content.has("multipart/form-data")).as(kind + ": " + content).isTrue();
		}
		assertThat(paths.has("/v1/jobs/{taskId}/cancel")).isTrue();
	}

	private static void assertProblem(Api.Response r, int status, String code, String detail) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().get("code").asString()).as(r.body()).isEqualTo(code);
		assertThat(r.json().get("detail").asString()).as(r.body()).contains(detail);
	}

	@Test
	void aVideoByUrlIsAJobWhoseNativeDocumentHasTheFindingsAtTheirOffsets() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant, "BLOCK", "cheap pills");
		Path dir = Files.createTempDirectory("vetter-native-video");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("native.mp4"), null));

		Api.Response accepted = tenant.api()
			.post("/v1/video/moderations",
					"{\"url\":\"" + url + "\",\"dataId\":\"v1\",\"scenes\":[\"qrcode\",\"ad\"],\"interval\":1}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String taskId = accepted.json().get("taskId").asString();
		assertThat(taskId).startsWith("vi");
		assertThat(accepted.json().get("state").asString()).isEqualTo("QUEUED");
		assertThat(accepted.json().at("/links/job").asString()).isEqualTo("/v1/jobs/" + taskId);

		JsonNode job = awaitJob(tenant.api(), taskId);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("DONE");
		assertThat(job.at("/result/code").asInt()).as("the Green-shaped result stays").isEqualTo(200);
		JsonNode doc = job.get("document");
		assertThat(doc.get("suggestion").asString()).isEqualTo("block");
		assertThat(doc.get("dataId").asString()).isEqualTo("v1");
		List<Double> qrOffsets = new ArrayList<>();
		List<Double> adOffsets = new ArrayList<>();
		for (JsonNode f : doc.get("findings")) {
			(f.get("scene").asString().equals("qrcode") ? qrOffsets : adOffsets).add(f.get("offset").asDouble());
		}
		assertThat(qrOffsets).containsExactly(2.0);
		assertThat(adOffsets).contains(4.0, 5.0).doesNotContain(0.0, 1.0, 3.0, 6.0, 7.0);
		String frameUrl = finding(doc, "qrcode").get("frameUrl").asString();
		assertThat(tenant.api().get(frameUrl).status()).isEqualTo(200);

		// another tenant: the job does not exist, exactly as a missing one
		Api other = new Fixtures(port).tenant().api();
		Api.Response foreign = other.get("/v1/jobs/" + taskId);
		Api.Response missing = other.get("/v1/jobs/" + taskId + "x");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.body().replace(taskId, "ID")).isEqualTo(missing.body().replace(taskId + "x", "ID"));
		assertThat(other.post("/v1/jobs/" + taskId + "/cancel", "").status()).isEqualTo(404);
		assertThat(other.get(frameUrl).status()).isEqualTo(404);

		// finished: cancel answers 409 and changes nothing
		Api.Response late = tenant.api().post("/v1/jobs/" + taskId + "/cancel", "");
		assertThat(late.status()).as(late.body()).isEqualTo(409);
		assertThat(late.json().get("code").asString()).isEqualTo("conflict");
		assertThat(tenant.api().get("/v1/jobs/" + taskId).json().get("state").asString()).isEqualTo("DONE");
	}

	@Test
	void uploadedSpeechIsAJobWhoseDocumentHasTheSpokenHitWithItsTimes() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant, "BLOCK", "bank account");
		Api.Response accepted = tenant.api()
			.upload("/v1/voice/moderations", Map.of("dataId", "a1"), "phishing.wav",
					MediaFiles.bytes("media/speech/phishing.wav"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String taskId = accepted.json().get("taskId").asString();

		JsonNode job = awaitJob(tenant.api(), taskId);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("DONE");
		JsonNode doc = job.get("document");
		assertThat(doc.get("kind").asString()).isEqualTo("voice");
		assertThat(doc.get("suggestion").asString()).isEqualTo("block");
		JsonNode hit = finding(doc, "speech");
		assertThat(hit.at("/matches/0/text").asString()).isEqualTo("bank account");
		assertThat(hit.at("/matches/0/library/name").asString()).startsWith("lib");
		assertThat(hit.get("start").asDouble()).isBetween(0.5, 3.6);
		assertThat(hit.get("end").asDouble()).isGreaterThan(hit.get("start").asDouble());
		// the uploaded file is the job's media
		assertThat(tenant.api().get("/v1/tasks/" + taskId + "/media").status()).isEqualTo(200);
	}

	@Test
	void cancelThroughTheNativeApiStopsARunningJobAndIsIdempotent() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch fetching = new CountDownLatch(1);
		byte[] wav = MediaFiles.bytes("media/speech/weather.wav");
		HttpServer gate = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gate.createContext("/", exchange -> {
			fetching.countDown();
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, wav.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(wav);
			}
		});
		gate.start();
		try {
			String url = "http://127.0.0.1:" + gate.getAddress().getPort() + "/held.wav";
			Api.Response accepted = tenant.api().post("/v1/voice/moderations", "{\"url\":\"" + url + "\"}");
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			String taskId = accepted.json().get("taskId").asString();
			assertThat(fetching.await(60, TimeUnit.SECONDS)).as("the worker fetches the file").isTrue();
			assertThat(tenant.api().get("/v1/jobs/" + taskId).json().get("state").asString()).isEqualTo("PROCESSING");

			Api.Response cancelled = tenant.api().post("/v1/jobs/" + taskId + "/cancel", "");
			assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
			assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
			assertThat(cancelled.json().at("/result/code").asInt()).isEqualTo(410);
			assertThat(cancelled.json().has("document")).isFalse();
			release.countDown();
			Api.Response again = tenant.api().post("/v1/jobs/" + taskId + "/cancel", "");
			assertThat(again.status()).as(again.body()).isEqualTo(200);
			assertThat(again.json().get("state").asString()).isEqualTo("CANCELLED");
			assertThat(tenant.api().post("/v1/jobs/vinosuchtask/cancel", "").status()).isEqualTo(404);
		}
		finally {
			release.countDown();
			gate.stop(0);
		}
	}

}
