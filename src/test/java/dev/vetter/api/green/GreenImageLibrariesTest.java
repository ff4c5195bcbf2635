package dev.vetter.api.green;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aliyuncs.green.model.v20180509.ImageScanFeedbackRequest;
import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoFeedbackRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom image libraries end to end: entries added by URL (a local HTTP server) and by
 * upload, matched by PDQ distance in {@code /green/image/scan} through Alibaba's SDK, and
 * taught by {@code /green/image/feedback} and {@code /green/video/feedback}. Every test
 * runs in a tenant of its own: libraries apply to all of a tenant's scans.
 */
@IntegrationTest
@TestPropertySource(properties = "vetter.security.allow-private-targets=true")
class GreenImageLibrariesTest {

	static MediaFiles files;

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void serve() {
		files = new MediaFiles();
	}

	@AfterAll
	static void stop() {
		files.close();
	}

	static String url(String path, byte[] body) {
		return files.serve(path, body);
	}

	private Fixtures.TenantKey tenant() {
		return new Fixtures(port).tenant();
	}

	private static long library(Fixtures.TenantKey t, String name, String action) {
		Api.Response r = t.api()
			.post("/v1/libraries", "{\"name\":\"" + name + "\",\"kind\":\"IMAGE\",\"action\":\"" + action + "\"}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asLong();
	}

	private static JsonNode scan(Fixtures.TenantKey t, List<String> scenes, Map<String, String> tasks) {
		StringBuilder json = new StringBuilder("{\"scenes\":[");
		for (int i = 0; i < scenes.size(); i++) {
			json.append(i == 0 ? "" : ",").append('"').append(scenes.get(i)).append('"');
		}
		json.append("],\"tasks\":[");
		int i = 0;
		for (Map.Entry<String, String> task : tasks.entrySet()) {
			json.append(i++ == 0 ? "" : ",")
				.append("{\"dataId\":\"")
				.append(task.getKey())
				.append("\",\"url\":\"")
				.append(task.getValue())
				.append("\"}");
		}
		json.append("]}");
		GreenSdk.Reply reply = t.sdk().call(new ImageSyncScanRequest(), json.toString());
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("code").asInt()).as(reply.body()).isEqualTo(200);
		JsonNode data = reply.json().get("data");
		for (JsonNode task : data) {
			assertThat(task.get("code").asInt()).as(task.toString()).isEqualTo(200);
		}
		return data;
	}

	private static JsonNode scene(JsonNode task, String scene) {
		for (JsonNode r : task.get("results")) {
			if (r.get("scene").asString().equals(scene)) {
				return r;
			}
		}
		throw new AssertionError("no scene " + scene + " in " + task);
	}

	@Test
	void anImageInABlockLibraryIsBlockedAfterEditsWhileUnrelatedImagesPass() {
		Fixtures.TenantKey t = tenant();
		long lib = library(t, "banned-pictures", "BLOCK");
		BufferedImage original = TestImages.scene(11, 800, 600);
		String originalUrl = url("/block/original.png", TestImages.encode(original, "png"));

		Api.Response added = t.api()
			.post("/v1/libraries/" + lib + "/entries",
					"{\"urls\":[\"" + originalUrl + "\",\"http://169.254.169.254/latest/meta-data/\"]}");

		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.json().get("added").asInt()).isEqualTo(1);
		assertThat(added.json().get("entries").asLong()).isEqualTo(1);
		JsonNode entry = added.json().get("images").get(0);
		assertThat(entry.get("hash").asString()).matches("[0-9a-f]{64}");
		assertThat(entry.get("quality").asInt()).isGreaterThanOrEqualTo(50);
		assertThat(entry.get("url").asString()).isEqualTo(originalUrl);
		assertThat(entry.get("added").asBoolean()).isTrue();
		// the metadata address is refused for that entry only
		JsonNode error = added.json().get("errors").get(0);
		assertThat(error.get("url").asString()).isEqualTo("http://169.254.169.254/latest/meta-data/");
		assertThat(error.get("code").asString()).isEqualTo("refused");
		// adding it again adds nothing
		Api.Response again = t.api().post("/v1/libraries/" + lib + "/entries", "{\"urls\":[\"" + originalUrl + "\"]}");
		assertThat(again.json().get("added").asInt()).isZero();
		assertThat(again.json().get("images").get(0).get("id").asLong()).isEqualTo(entry.get("id").asLong());
		JsonNode listed = t.api().get("/v1/libraries/" + lib + "/entries").json();
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.get(0).get("hash").asString()).isEqualTo(entry.get("hash").asString());

		int w = original.getWidth();
		int h = original.getHeight();
		Map<String, String> edits = new LinkedHashMap<>();
		edits.put("reencoded", url("/block/q40.jpg", TestImages.jpeg(original, 0.4f)));
		edits.put("resized", url("/block/half.jpg", TestImages.jpeg(TestImages.resize(original, w / 2, h / 2), 0.8f)));
		edits.put("cropped", url("/block/crop.jpg", TestImages.jpeg(TestImages.crop(original, 2), 0.85f)));
		edits.put("captioned",
				url("/block/caption.jpg", TestImages.jpeg(TestImages.caption(original, "LOOK AT THIS lol"), 0.85f)));
		edits.put("unrelated1", url("/block/other1.jpg", TestImages.jpeg(TestImages.scene(12, 800, 600), 0.85f)));
		edits.put("unrelated2", url("/block/other2.jpg", TestImages.jpeg(TestImages.scene(13, 640, 640), 0.85f)));
		edits.put("photo", url("/block/coffee.jpg", TestImages.jpeg(TestImages.photo("coffee.png"), 0.85f)));

		// light scenes: seven images in one call stay well inside the SDK's read timeout
		JsonNode data = scan(t, List.of("qrcode", "logo"), edits);

		for (int i = 0; i < 4; i++) {
			JsonNode task = data.get(i);
			for (String s : List.of("qrcode", "logo")) {
				JsonNode result = scene(task, s);
				assertThat(result.get("label").asString()).as(task.toString()).isEqualTo("customized");
				assertThat(result.get("suggestion").asString()).as(task.toString()).isEqualTo("block");
			}
			JsonNode hit = task.at("/extras/hitLibInfo/0");
			assertThat(hit.get("libCode").asString()).isEqualTo(Long.toString(lib));
			assertThat(hit.get("libName").asString()).isEqualTo("banned-pictures");
			assertThat(hit.get("context").asString()).isEqualTo(entry.get("hash").asString());
		}
		for (int i = 4; i < 7; i++) {
			JsonNode task = data.get(i);
			assertThat(task.has("extras")).as(task.toString()).isFalse();
			for (JsonNode result : task.get("results")) {
				assertThat(result.get("label").asString()).as(task.toString()).isNotEqualTo("customized");
			}
			assertThat(scene(task, "qrcode").get("suggestion").asString()).isEqualTo("pass");
		}

		// removing the entry ends the match on the next scan
		Api.Response removed = t.api()
			.post("/v1/libraries/" + lib + "/entries/delete", "{\"ids\":[" + entry.get("id").asLong() + "]}");
		assertThat(removed.json().get("removed").asInt()).isEqualTo(1);
		JsonNode after = scan(t, List.of("qrcode"), Map.of("reencoded", edits.get("reencoded")));
		assertThat(scene(after.get(0), "qrcode").get("suggestion").asString()).isEqualTo("pass");
	}

	@Test
	void aReviewLibraryReviewsAndAPassLibraryFromAnUploadSuppressesOtherFindings() {
		Fixtures.TenantKey t = tenant();
		BufferedImage doubtful = TestImages.scene(31, 800, 600);
		BufferedImage withCode = TestImages.paste(TestImages.scene(32, 900, 700),
				TestImages.qrCode("https://qr.example/known-partner", 6), 450, 350, 0);
		String doubtfulUrl = url("/review/doubtful.jpg", TestImages.jpeg(doubtful, 0.9f));
		String withCodeUrl = url("/pass/partner.jpg", TestImages.jpeg(withCode, 0.9f));
		JsonNode before = scan(t, List.of("qrcode"), Map.of("partner", withCodeUrl));
		assertThat(scene(before.get(0), "qrcode").get("suggestion").asString()).isEqualTo("review");

		long review = library(t, "doubtful", "REVIEW");
		assertThat(t.api()
			.post("/v1/libraries/" + review + "/entries", "{\"urls\":[\"" + doubtfulUrl + "\"]}")
			.json()
			.get("added")
			.asInt()).isEqualTo(1);
		long pass = library(t, "partners", "PASS");
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("partner.png", TestImages.encode(withCode, "png"));
		files.put("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> upload = multipart(t, "/v1/libraries/" + pass + "/entries", files);
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		JsonNode uploaded = Api.JSON.readTree(upload.body());
		assertThat(uploaded.get("added").asInt()).isEqualTo(1);
		assertThat(uploaded.get("images").get(0).get("filename").asString()).isEqualTo("partner.png");
		assertThat(uploaded.get("errors").get(0).get("filename").asString()).isEqualTo("notes.txt");
		assertThat(uploaded.get("errors").get(0).get("code").asString()).isEqualTo("bad-format");

		Map<String, String> tasks = new LinkedHashMap<>();
		tasks.put("doubtful",
				url("/review/doubtful-small.jpg", TestImages.jpeg(TestImages.resize(doubtful, 400, 300), 0.7f)));
		tasks.put("partner", url("/pass/partner-again.jpg", TestImages.jpeg(withCode, 0.6f)));
		JsonNode data = scan(t, List.of("qrcode", "ad"), tasks);

		JsonNode reviewed = scene(data.get(0), "qrcode");
		assertThat(reviewed.get("label").asString()).isEqualTo("customized");
		assertThat(reviewed.get("suggestion").asString()).isEqualTo("review");
		assertThat(data.get(0).at("/extras/hitLibInfo/0/libName").asString()).isEqualTo("doubtful");
		for (JsonNode result : data.get(1).get("results")) {
			assertThat(result.get("suggestion").asString()).as(data.get(1).toString()).isEqualTo("pass");
			assertThat(result.get("label").asString()).isEqualTo("normal");
		}
		assertThat(data.get(1).at("/extras/hitLibInfo/0/libName").asString()).isEqualTo("partners");
	}

	@Test
	void anotherTenantsLibraryAnswersLikeAMissingOne() {
		Fixtures.TenantKey owner = tenant();
		Fixtures.TenantKey nosy = tenant();
		long lib = library(owner, "mine", "BLOCK");
		String image = url("/isolation/a.png", TestImages.encode(TestImages.scene(41, 400, 300), "png"));

		Api.Response theirs = nosy.api().post("/v1/libraries/" + lib + "/entries", "{\"urls\":[\"" + image + "\"]}");
		Api.Response missing = nosy.api()
			.post("/v1/libraries/" + (lib + 1_000_000) + "/entries", "{\"urls\":[\"" + image + "\"]}");

		assertThat(theirs.status()).isEqualTo(404);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(theirs.json().get("code").asString()).isEqualTo(missing.json().get("code").asString());
		assertThat(nosy.api().get("/v1/libraries/" + lib + "/entries").status()).isEqualTo(404);
		assertThat(multipart(nosy, "/v1/libraries/" + lib + "/entries",
				Map.of("a.png", TestImages.encode(TestImages.scene(41, 400, 300), "png")))
			.statusCode()).isEqualTo(404);
		assertThat(owner.api().get("/v1/libraries/" + lib).json().get("entries").asLong()).isZero();
	}

	@Test
	void feedbackThroughTheSdkMakesTheNextScanFollowIt() {
		Fixtures.TenantKey t = tenant();
		BufferedImage innocent = TestImages.scene(51, 800, 600);
		String innocentUrl = url("/feedback/innocent.jpg", TestImages.jpeg(innocent, 0.9f));
		BufferedImage partner = TestImages.paste(TestImages.scene(52, 900, 700),
				TestImages.qrCode("https://qr.example/our-own-app", 6), 450, 350, 0);
		String partnerUrl = url("/feedback/partner.jpg", TestImages.jpeg(partner, 0.9f));
		Map<String, String> first = new LinkedHashMap<>();
		first.put("innocent", innocentUrl);
		first.put("partner", partnerUrl);
		JsonNode before = scan(t, List.of("qrcode"), first);
		assertThat(scene(before.get(0), "qrcode").get("suggestion").asString()).isEqualTo("pass");
		assertThat(scene(before.get(1), "qrcode").get("suggestion").asString()).isEqualTo("review");

		GreenSdk.Reply block = t.sdk()
			.call(new ImageScanFeedbackRequest(),
					"{\"taskId\":\"" + before.get(0).get("taskId").asString() + "\",\"dataId\":\"innocent\",\"url\":\""
							+ innocentUrl + "\",\"suggestion\":\"block\",\"scenes\":[\"porn\"],\"label\":\"porn\","
							+ "\"note\":\"missed\"}");
		assertThat(block.status()).as(block.body()).isEqualTo(200);
		assertThat(block.json().get("code").asInt()).as(block.body()).isEqualTo(200);
		assertThat(block.json().get("requestId").asString()).isNotBlank();
		GreenSdk.Reply allow = t.sdk()
			.call(new ImageScanFeedbackRequest(),
					"{\"url\":\"" + partnerUrl + "\",\"suggestion\":\"pass\",\"scenes\":[\"qrcode\",\"ad\"]}");
		assertThat(allow.json().get("code").asInt()).as(allow.body()).isEqualTo(200);

		Map<String, String> tasks = new LinkedHashMap<>();
		tasks.put("innocent", url("/feedback/innocent-again.jpg", TestImages.jpeg(innocent, 0.7f)));
		tasks.put("partner", url("/feedback/partner-again.jpg", TestImages.jpeg(partner, 0.7f)));
		JsonNode after = scan(t, List.of("qrcode"), tasks);
		assertThat(scene(after.get(0), "qrcode").get("suggestion").asString()).isEqualTo("block");
		assertThat(scene(after.get(0), "qrcode").get("label").asString()).isEqualTo("customized");
		assertThat(after.get(0).at("/extras/hitLibInfo/0/libName").asString()).isEqualTo("feedback-block");
		assertThat(scene(after.get(1), "qrcode").get("suggestion").asString()).isEqualTo("pass");
		assertThat(after.get(1).at("/extras/hitLibInfo/0/libName").asString()).isEqualTo("feedback-pass");

		Map<String, Object> row = jdbc.sql("""
				select f.task_id, f.data_id, f.url, f.suggestion, array_to_string(f.scenes, ',') as scenes, f.label,
				       f.note, l.name, cardinality(f.entry_ids) as entries
				from feedback f join tenants t on t.id = f.tenant_id join libraries l on l.id = f.library_id
				where t.uid = :uid and f.suggestion = 'block'
				""").param("uid", t.uid()).query().singleRow();
		assertThat(row).containsEntry("task_id", before.get(0).get("taskId").asString())
			.containsEntry("data_id", "innocent")
			.containsEntry("url", innocentUrl)
			.containsEntry("scenes", "porn")
			.containsEntry("label", "porn")
			.containsEntry("note", "missed")
			.containsEntry("name", "feedback-block")
			.containsEntry("entries", 1);

		// bad feedback: the code says why and nothing changes
		assertThat(t.sdk()
			.call(new ImageScanFeedbackRequest(),
					"{\"url\":\"" + partnerUrl + "\",\"suggestion\":\"maybe\",\"scenes\":[\"porn\"]}")
			.json()
			.get("code")
			.asInt()).isEqualTo(400);
		assertThat(t.sdk()
			.call(new ImageScanFeedbackRequest(),
					"{\"url\":\"http://169.254.169.254/x.jpg\",\"suggestion\":\"block\",\"scenes\":[\"porn\"]}")
			.json()
			.get("code")
			.asInt()).isEqualTo(480);
		assertThat(jdbc.sql("select count(*) from feedback f join tenants t on t.id = f.tenant_id where t.uid = :uid")
			.param("uid", t.uid())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void videoFeedbackLearnsEachFrame() {
		Fixtures.TenantKey t = tenant();
		BufferedImage frame = TestImages.scene(61, 640, 360);
		String frameUrl = url("/video/frame-3.jpg", TestImages.jpeg(frame, 0.9f));

		GreenSdk.Reply reply = t.sdk()
			.call(new VideoFeedbackRequest(),
					"{\"taskId\":\"vi123\",\"url\":\"" + url("/video/v.mp4", new byte[] { 1 })
							+ "\",\"suggestion\":\"block\",\"scenes\":[\"porn\"],\"frames\":[{\"url\":\"" + frameUrl
							+ "\",\"offset\":3}]}");

		assertThat(reply.json().get("code").asInt()).as(reply.body()).isEqualTo(200);
		JsonNode data = scan(t, List.of("qrcode"),
				Map.of("frame", url("/video/frame-3-again.jpg", TestImages.jpeg(frame, 0.6f))));
		assertThat(scene(data.get(0), "qrcode").get("suggestion").asString()).isEqualTo("block");
	}

	/** POSTs files as multipart/form-data parts named {@code files}. */
	private HttpResponse<String> multipart(Fixtures.TenantKey t, String path, Map<String, byte[]> files) {
		String boundary = "vetter-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		List<byte[]> parts = new ArrayList<>();
		for (Map.Entry<String, byte[]> f : files.entrySet()) {
			parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey()
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			parts.add(f.getValue());
			parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		parts.forEach(body::writeBytes);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", t.api().authorization())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
