package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyuncs.green.model.v20180509.VideoAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VideoCancelScanRequest;

import dev.vetter.detection.MediaFixtures;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;

/**
 * Asynchronous video moderation end to end through Alibaba's Java SDK: a video written by
 * JavaCV whose second 2 shows a QR code and seconds 4–5 a library phrase, with speech on
 * the audio track; every frame through the image pipeline, the audio through speech
 * recognition.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class VideoJobsTest {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@Autowired
	AsyncJobs jobs;

	@Autowired
	TenantDirectory directory;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	private static List<Double> offsets(JsonNode scene) {
		List<Double> out = new ArrayList<>();
		scene.path("frames").forEach(f -> out.add(f.get("offset").asDouble()));
		return out;
	}

	@Test
	void framesWithAQrCodeAndSpamTextAreFlaggedAtTheirOffsetsAndTheSpeechIsScanned() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"pills\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"cheap pills\",\"bank account\"]}");
		Path dir = Files.createTempDirectory("vetter-video-job");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("spam.mp4"), MediaFixtures.speech("phishing")));

		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(), "{\"scenes\":[\"qrcode\",\"ad\"],\"audioScenes\":[\"antispam\"],"
					+ "\"interval\":1,\"maxFrames\":200,\"tasks\":[{\"dataId\":\"v1\",\"url\":\"" + url + "\"}]}")
			.json();
		assertThat(submit.at("/data/0/code").asInt()).as(submit.toString()).isEqualTo(200);
		String taskId = submit.at("/data/0/taskId").asString();

		JsonNode data = Await.until(() -> tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"), d -> d.get("code").asInt() != 280, "the video result", Await.MEDIA_JOB);
		assertThat(data.get("code").asInt()).as(data.toString()).isEqualTo(200);
		JsonNode qrcode = data.at("/results/0");
		JsonNode ad = data.at("/results/1");
		assertThat(qrcode.get("scene").asString()).isEqualTo("qrcode");
		assertThat(qrcode.get("suggestion").asString()).isNotEqualTo("pass");
		assertThat(offsets(qrcode)).as(qrcode.toString()).containsExactly(2.0);
		assertThat(ad.get("suggestion").asString()).as(ad.toString()).isEqualTo("block");
		assertThat(offsets(ad)).as(ad.toString()).contains(4.0, 5.0).doesNotContain(0.0, 1.0, 3.0, 6.0, 7.0);
		// the flagged frame opens as a JPEG
		String frameUrl = qrcode.at("/frames/0/url").asString();
		assertThat(frameUrl).isEqualTo("/v1/tasks/" + taskId + "/frames/2");
		var frame = tenant.api().get(frameUrl);
		assertThat(frame.status()).isEqualTo(200);

		JsonNode audio = data.at("/audioScanResults/0");
		assertThat(audio.get("scene").asString()).isEqualTo("antispam");
		assertThat(audio.get("suggestion").asString()).as(audio.toString()).isEqualTo("block");
		assertThat(audio.at("/details/0/keyword").asString()).isEqualTo("bank account");
		assertThat(audio.at("/details/0/startTime").asDouble()).isBetween(0.5, 3.6);

		long tenantId = directory.tenantByUid(tenant.uid()).id();
		JobProgress progress = jobs.job(tenantId, taskId).orElseThrow().progress();
		assertThat(progress.framesDone()).isEqualTo(8);
		assertThat(progress.framesTotal()).isEqualTo(8);
		assertThat(progress.audioSecondsDone()).isGreaterThan(3.0);
		assertThat(jobs.cancel(tenantId, null, List.of(taskId)).get(0).code()).isEqualTo(409);
	}

	@Test
	void videoFramesAreJudgedByTheBizTypesImageRules() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		assertThat(tenant.api().put("/v1/biz-types/qr-block", "{\"image\":{\"qrcode\":\"block\"}}").status())
			.isEqualTo(200);
		Path dir = Files.createTempDirectory("vetter-video-policy");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("qr.mp4"), null));

		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"bizType\":\"qr-block\",\"scenes\":[\"qrcode\"],\"interval\":1,"
							+ "\"tasks\":[{\"dataId\":\"v\",\"url\":\"" + url + "\"}]}")
			.json();
		assertThat(submit.at("/data/0/code").asInt()).as(submit.toString()).isEqualTo(200);
		String taskId = submit.at("/data/0/taskId").asString();

		JsonNode data = Await.until(() -> tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]")
			.json()
			.at("/data/0"), d -> d.get("code").asInt() != 280, "the video result", Await.MEDIA_JOB);
		JsonNode qrcode = data.at("/results/0");
		assertThat(qrcode.get("suggestion").asString()).as(data.toString()).isEqualTo("block");
		assertThat(offsets(qrcode)).containsExactly(2.0);
	}

	@Test
	void outOfRangeSamplingIsRefusedPerTaskAndCancelWorksOnFiles() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		JsonNode bad = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"scenes\":[\"porn\"],\"tasks\":[{\"dataId\":\"a\",\"url\":\"http://127.0.0.1:1/v.mp4\",\"interval\":0},"
							+ "{\"dataId\":\"b\",\"url\":\"http://127.0.0.1:1/v.mp4\",\"maxFrames\":4000}]}")
			.json();
		assertThat(bad.at("/data/0/code").asInt()).isEqualTo(400);
		assertThat(bad.at("/data/0/msg").asString()).contains("interval");
		assertThat(bad.at("/data/1/code").asInt()).isEqualTo(400);
		assertThat(bad.at("/data/1/msg").asString()).contains("maxFrames");

		Path dir = Files.createTempDirectory("vetter-video-cancel");
		String url = media.file(MediaFixtures.spamVideo(dir.resolve("cancel.mp4"), null));
		JsonNode submit = tenant.sdk()
			.call(new VideoAsyncScanRequest(),
					"{\"scenes\":[\"porn\"],\"tasks\":[{\"dataId\":\"c\",\"url\":\"" + url + "\"}]}")
			.json();
		String taskId = submit.at("/data/0/taskId").asString();
		JsonNode cancel = tenant.sdk().call(new VideoCancelScanRequest(), "[\"" + taskId + "\"]").json();
		assertThat(cancel.at("/data/0/code").asInt()).as(cancel.toString()).isIn(200, 409);
		JsonNode after = tenant.sdk().call(new VideoAsyncScanResultsRequest(), "[\"" + taskId + "\"]").json();
		if (cancel.at("/data/0/code").asInt() == 200) {
			assertThat(after.at("/data/0/code").asInt()).isEqualTo(410);
		}
	}

}
