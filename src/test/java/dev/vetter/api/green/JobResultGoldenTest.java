package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyun.green20220302.Client;
import com.aliyuncs.green.model.v20180509.ImageAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.ImageAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceCancelScanRequest;
import com.sun.net.httpserver.HttpServer;

import dev.vetter.callbacks.internal.DeliveryWorker;
import dev.vetter.detection.MediaFixtures;
import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire output of asynchronous jobs, byte for byte: for representative jobs (video
 * with flagged frames and speech hits, voice, image, client frames with a failed frame, a
 * failed and a cancelled job, an escalated voice job decided by a reviewer) the Green API
 * 1.0 results document, the API 2.0 result, the native {@code /v1/jobs/{id}}
 * {@code result}/{@code document}, the callbacks and the reviewer's {@code machine}
 * document are compared with JSON captured under {@code golden/jobs} before the job
 * result got its own model. Volatile parts (task ids, ports, times) are replaced by
 * placeholders. A missing golden file is written (and the test fails, so a new file is
 * always looked at); {@code -Dgolden.record=true} rewrites them all.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class JobResultGoldenTest {

	private static final Path GOLDEN = Path.of("src/test/resources/golden/jobs");

	private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	static final MediaFiles media = new MediaFiles();

	static HttpServer receiver;

	static final List<String> CALLBACKS = new CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	DeliveryWorker worker;

	@BeforeAll
	static void receive() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			CALLBACKS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	static void stop() {
		receiver.stop(0);
		media.close();
	}

	private static String callbackUrl() {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
	}

	@Test
	void videoWithFlaggedFramesAndSpeechHits() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant, "pills", "BLOCK", "cheap pills\",\"bank account");
		Path dir = Files.createTempDirectory("vetter-golden-video");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("golden.mp4"), MediaFixtures.speech("phishing")));
		String taskId = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"scenes\":[\"qrcode\",\"ad\"],\"audioScenes\":[\"antispam\"],\"interval\":1,\"callback\":\""
							+ callbackUrl() + "\",\"seed\":\"s\",\"tasks\":[{\"dataId\":\"v1\",\"url\":\"" + url
							+ "\"}]}")
			.json()
			.at("/data/0/taskId")
			.asString();
		JsonNode green = finished(() -> tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("green", green);
		out.put("green2", green2(tenant, "VideoModerationResult", taskId));
		out.put("native", nativeJob(tenant, taskId));
		out.put("callback", callback(taskId, null));
		compare("video", out, taskId);
	}

	@Test
	void voiceWithLibraryAndSpokenNumberHits() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant, "spoken", "BLOCK", "bank account");
		String taskId = voice(tenant, media.resource("media/speech/all.wav"), "all-1", callbackUrl());
		JsonNode green = finished(() -> voiceResult(tenant, taskId));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("green", green);
		out.put("green2", green2(tenant, "VoiceModerationResult", taskId));
		out.put("native", nativeJob(tenant, taskId));
		out.put("callback", callback(taskId, null));
		compare("voice", out, taskId);
	}

	@Test
	void imageAsyncWithQrCode() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String url = media.serve("/golden-qr.png", TestImages.encode(TestImages.paste(TestImages.photo("coffee.png"),
				TestImages.qrCode("https://qr.example/golden", 5), 200, 200, 0), "png"));
		String taskId = tenant.sdk()
			.call(new ImageAsyncScanRequest(),
					"{\"scenes\":[\"qrcode\",\"porn\"],\"callback\":\"" + callbackUrl()
							+ "\",\"seed\":\"s\",\"tasks\":[{\"dataId\":\"i1\",\"url\":\"" + url + "\"}]}")
			.json()
			.at("/data/0/taskId")
			.asString();
		JsonNode green = finished(() -> tenant.sdk()
			.call(new ImageAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("green", green);
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		out.put("green2", GreenSdk2.callApi(client, "DescribeImageModerationResult", Map.of("ReqId", taskId)));
		out.put("native", nativeJob(tenant, taskId));
		out.put("callback", callback(taskId, null));
		compare("image", out, taskId);
	}

	@Test
	void clientFramesWithAFrameThatCannotBeFetched() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		media.serve("/frames/qr.png", TestImages.encode(TestImages.paste(TestImages.photo("coffee.png"),
				TestImages.qrCode("https://qr.example/frame", 5), 200, 200, 0), "png"));
		media.serve("/frames/plain.png", TestImages.encode(TestImages.photo("coffee.png"), "png"));
		String prefix = media.url("/frames/");
		String taskId = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"scenes\":[\"qrcode\"],\"tasks\":[{\"dataId\":\"f1\",\"framePrefix\":\"" + prefix
							+ "\",\"frames\":[{\"url\":\"plain.png\",\"offset\":0.5},"
							+ "{\"url\":\"qr.png\",\"offset\":1.25},{\"url\":\"missing.png\",\"offset\":3}]}]}")
			.json()
			.at("/data/0/taskId")
			.asString();
		JsonNode green = finished(() -> tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("green", green);
		out.put("green2", green2(tenant, "VideoModerationResult", taskId));
		out.put("native", nativeJob(tenant, taskId));
		compare("client-frames", out, taskId);
	}

	@Test
	void failedAndCancelledJobs() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		String failed = voice(tenant, media.url("/nothing-here.wav"), "gone", null);
		JsonNode failedGreen = finished(() -> voiceResult(tenant, failed));
		CountDownLatch release = new CountDownLatch(1);
		String held = media.held("/golden-held.wav", MediaFilesBytes.phishing(), release);
		String cancelled = voice(tenant, held, "held", null);
		JsonNode cancel = tenant.sdk().call(new VoiceCancelScanRequest(), "[\"" + cancelled + "\"]").json();
		release.countDown();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("failedGreen", failedGreen);
		out.put("failedGreen2", green2(tenant, "VoiceModerationResult", failed));
		out.put("failedNative", nativeJob(tenant, failed));
		out.put("cancel", cancel.get("data"));
		out.put("cancelledGreen", voiceResult(tenant, cancelled));
		out.put("cancelledGreen2", green2(tenant, "VoiceModerationResult", cancelled));
		out.put("cancelledNative", nativeJob(tenant, cancelled));
		String json = PRETTY.writeValueAsString(out).replace(failed, "<failed>").replace(cancelled, "<cancelled>");
		compare("failed-cancelled", json);
	}

	@Test
	void escalatedVoiceDecidedByAReviewer() {
		Fixtures fixtures = new Fixtures(port);
		Fixtures.TenantKey tenant = fixtures.manualTenant(1, "[\"spam\",\"fraud\"]");
		Fixtures.reviewWords(tenant.api(), "golden-review", "bank account");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		Map<String, Object> submitted = GreenSdk2.callApi(client, "VoiceModeration",
				Map.of("Service", "audio_media_detection", "ServiceParameters",
						"{\"url\":\"" + media.resource("media/speech/phishing.wav")
								+ "\",\"dataId\":\"esc-1\",\"callback\":\"" + callbackUrl() + "\",\"seed\":\"s\"}"));
		String taskId = (String) ((Map<?, ?>) submitted.get("Data")).get("TaskId");
		Api reviewer = fixtures.reviewer(tenant.uid());
		Api.Response claimed = Await.until(() -> reviewer.post("/v1/review/claims", ""), r -> r.status() == 200,
				"the review item", Await.MEDIA_JOB);
		JsonNode item = claimed.json();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("machineScanCallback", callback(taskId, "machineScan"));
		out.put("reviewerMachine", item.at("/content/machine"));
		assertThat(Fixtures
			.decide(reviewer, item.get("id").asLong(),
					"{\"suggestion\":\"block\",\"labels\":[\"fraud\"],\"note\":\"golden\"}")
			.status()).isEqualTo(200);
		Await.audited(tenant.api(), taskId);
		out.put("reviewCallback", callback(taskId, "manualReview"));
		out.put("green", voiceResult(tenant, taskId));
		out.put("green2", green2(tenant, "VoiceModerationResult", taskId));
		out.put("native", nativeJob(tenant, taskId));
		out.put("task", tenant.api().get("/v1/tasks/" + taskId).json());
		compare("escalated-voice", out, taskId);
	}

	// ---- helpers

	private static void library(Fixtures.TenantKey tenant, String name, String action, String entries) {
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"" + name + "\",\"kind\":\"TEXT\",\"action\":\"" + action + "\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"" + entries + "\"]}");
	}

	private static String voice(Fixtures.TenantKey tenant, String url, String dataId, String callback) {
		JsonNode r = tenant.sdk()
			.call(new VoiceAsyncScanRequest(),
					"{\"scenes\":[\"antispam\"],"
							+ (callback == null ? "" : "\"callback\":\"" + callback + "\",\"seed\":\"s\",")
							+ "\"tasks\":[{\"dataId\":\"" + dataId + "\",\"url\":\"" + url + "\"}]}")
			.json();
		assertThat(r.at("/data/0/code").asInt()).as(r.toString()).isEqualTo(200);
		return r.at("/data/0/taskId").asString();
	}

	private static JsonNode voiceResult(Fixtures.TenantKey tenant, String taskId) {
		return tenant.sdk().call(new VoiceAsyncScanResultsRequest(), "[\"" + taskId + "\"]").json().at("/data/0");
	}

	private static JsonNode finished(java.util.function.Supplier<JsonNode> probe) {
		return Await.until(probe, d -> d.get("code").asInt() != 280, "a job's result", Await.MEDIA_JOB);
	}

	private Map<String, Object> green2(Fixtures.TenantKey tenant, String action, String taskId) {
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		Map<String, Object> body = new LinkedHashMap<>(GreenSdk2.callApi(client, action,
				Map.of("Service", "x", "ServiceParameters", "{\"taskId\":\"" + taskId + "\"}")));
		body.remove("RequestId");
		return body;
	}

	private static Map<String, Object> nativeJob(Fixtures.TenantKey tenant, String taskId) {
		JsonNode job = tenant.api().get("/v1/jobs/" + taskId).json();
		Map<String, Object> out = new LinkedHashMap<>();
		for (String field : List.of("taskId", "kind", "state", "progress", "result", "document", "error", "links")) {
			if (job.has(field)) {
				out.put(field, job.get(field));
			}
		}
		return out;
	}

	/** The content of the task's callback (of that channel, or any), as received. */
	private JsonNode callback(String taskId, String channel) {
		String content = Await.until(() -> {
			worker.deliverDue();
			for (String body : CALLBACKS) {
				String form = URLDecoder.decode(body, StandardCharsets.UTF_8);
				int at = form.indexOf("content=");
				if (at < 0 || !form.contains(taskId)) {
					continue;
				}
				String c = form.substring(at + 8);
				if (channel == null || c.contains("\"" + channel + "\"")) {
					return c;
				}
			}
			return null;
		}, c -> c != null, "the callback of " + taskId);
		return Api.JSON.readTree(content);
	}

	private static void compare(String name, Map<String, Object> out, String taskId) {
		compare(name, PRETTY.writeValueAsString(out).replace(taskId, "<task>"));
	}

	private static void compare(String name, String json) {
		String normal = json.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>")
			.replaceAll("\"libCode\" : \"\\d+\"", "\"libCode\" : \"<lib>\"")
			.replaceAll("(\"library\" : \\{\\s+\"id\" : )\\d+", "$1-1")
			.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
			.replaceAll("\"RequestId\" : \"[^\"]*\"", "\"RequestId\" : \"<id>\"")
			.replaceAll("\\\\\"ReqId\\\\\":\\\\\"[^\\\\]*\\\\\"", "\\\\\"ReqId\\\\\":\\\\\"<id>\\\\\"");
		Path file = GOLDEN.resolve(name + ".json");
		try {
			if (Boolean.getBoolean("golden.record") || !Files.exists(file)) {
				Files.createDirectories(GOLDEN);
				Files.writeString(file, normal + "\n");
				assertThat(Boolean.getBoolean("golden.record")).as("recorded new golden file " + file).isTrue();
				return;
			}
			assertThat(normal + "\n").as(name).isEqualTo(Files.readString(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The committed speech clip, for a download the test holds. */
	static final class MediaFilesBytes {

		static byte[] phishing() {
			try (var in = JobResultGoldenTest.class.getResourceAsStream("/media/speech/phishing.wav")) {
				return in.readAllBytes();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

	}

}
