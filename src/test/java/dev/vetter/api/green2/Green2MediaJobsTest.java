package dev.vetter.api.green2;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.aliyun.green20220302.Client;
import com.aliyun.green20220302.models.VideoModerationCancelRequest;
import com.aliyun.green20220302.models.VideoModerationCancelResponseBody;
import com.aliyun.green20220302.models.VideoModerationRequest;
import com.aliyun.green20220302.models.VideoModerationResponseBody;
import com.aliyun.green20220302.models.VideoModerationResultRequest;
import com.aliyun.green20220302.models.VideoModerationResultResponseBody;
import com.aliyun.green20220302.models.VoiceModerationCancelRequest;
import com.aliyun.green20220302.models.VoiceModerationRequest;
import com.aliyun.green20220302.models.VoiceModerationResponseBody;
import com.aliyun.green20220302.models.VoiceModerationResultRequest;
import com.aliyun.green20220302.models.VoiceModerationResultResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;

import dev.vetter.detection.MediaFixtures;
import dev.vetter.detection.image.TestImages;
import dev.vetter.moderation.AsyncJobs;
import dev.vetter.moderation.JobState;
import dev.vetter.moderation.MediaFiles;
import dev.vetter.support.Await;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Green API 2.0 video and voice actions through Alibaba's {@code green20220302} 2.2.4
 * SDK, on the same jobs as {@code /green/video|voice/*}: submit, Code 280 while the job
 * runs, the 2.0 result shape, and cancel with its result.
 */
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class Green2MediaJobsTest {

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

	private static void blockLibrary(Fixtures.TenantKey tenant, String phrase) {
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"g2-block\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"" + phrase + "\"]}");
	}

	private static RuntimeOptions runtime() {
		return new RuntimeOptions();
	}

	@Test
	void voiceModerationIs280WhileTheJobRunsThenSliceDetailsWithTheSpokenHit() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		blockLibrary(tenant, "bank account");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		CountDownLatch release = new CountDownLatch(1);
		byte[] wav = Files.readAllBytes(Path.of(getClass().getResource("/media/speech/phishing.wav").toURI()));
		String url = media.held("/g2/phishing.wav", wav, release);

		VoiceModerationResponseBody submitted = client
			.voiceModerationWithOptions(new VoiceModerationRequest().setService("audio_media_detection")
				.setServiceParameters("{\"url\":\"" + url + "\",\"dataId\":\"voice-1\"}"), runtime())
			.getBody();
		assertThat(submitted.getCode()).as(submitted.getMessage()).isEqualTo(200);
		assertThat(submitted.getData().getDataId()).isEqualTo("voice-1");
		String taskId = submitted.getData().getTaskId();
		assertThat(taskId).startsWith("au");

		// the download is held: the job cannot have a result yet
		VoiceModerationResultResponseBody running = voiceResult(client, taskId);
		assertThat(running.getCode()).isEqualTo(280);
		assertThat(running.getData().getTaskId()).isEqualTo(taskId);
		release.countDown();

		VoiceModerationResultResponseBody done = Await.until(() -> voiceResult(client, taskId), r -> r.getCode() != 280,
				"the voice result");
		assertThat(done.getCode()).as(done.getMessage()).isEqualTo(200);
		assertThat(done.getData().getTaskId()).isEqualTo(taskId);
		assertThat(done.getData().getDataId()).isEqualTo("voice-1");
		assertThat(done.getData().getUrl()).isEqualTo(url);
		assertThat(done.getData().getSliceDetails()).anySatisfy(slice -> {
			assertThat(slice.getRiskWords()).contains("bank account");
			assertThat(slice.getLabels()).contains("customized");
			assertThat(slice.getText()).contains("bank account");
			// phishing.wav lasts 3.45 s
			assertThat(slice.getStartTime()).isBetween(0L, 3L);
			assertThat(slice.getEndTime()).isBetween(slice.getStartTime() + 1, 4L);
			assertThat(slice.getScore()).isPositive();
		});

		// finished: cancel is refused; another tenant's task answers like a missing one
		assertThat(client
			.voiceModerationCancelWithOptions(new VoiceModerationCancelRequest().setService("audio_media_detection")
				.setServiceParameters("{\"taskId\":\"" + taskId + "\"}"), runtime())
			.getBody()
			.getCode()).isEqualTo(409);
		Fixtures.TenantKey other = new Fixtures(port).tenant();
		assertThat(voiceResult(GreenSdk2.client(port, other.accessKeyId(), other.secret(), "v2"), taskId).getCode())
			.isEqualTo(404);
	}

	@Test
	void videoModerationReportsTheFlaggedFrameAndTheSpeechIn20Shape() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		blockLibrary(tenant, "bank account");
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), "v2");
		int w = 480;
		int h = 270;
		BufferedImage qr = TestImages.qrCode("https://spam.example/win", 5);
		Path file = MediaFixtures.video(Files.createTempDirectory("vetter-g2-video").resolve("qr.mp4"), 4, 5, w, h,
				MediaFixtures.Codec.H264, MediaFixtures.speech("phishing"), (g, second) -> {
					g.setColor(new Color(200, 200, 200));
					g.fillRect(0, 0, w, h);
					if (second == 1) {
						g.drawImage(qr, (w - qr.getWidth()) / 2, (h - qr.getHeight()) / 2, null);
					}
				});
		String url = media.file(file);

		VideoModerationResponseBody submitted = client
			.videoModerationWithOptions(new VideoModerationRequest().setService("videoDetection")
				.setServiceParameters("{\"url\":\"" + url + "\",\"dataId\":\"video-1\"}"), runtime())
			.getBody();
		assertThat(submitted.getCode()).as(submitted.getMessage()).isEqualTo(200);
		String taskId = submitted.getData().getTaskId();
		assertThat(taskId).startsWith("vi");

		VideoModerationResultResponseBody done = Await.until(() -> videoResult(client, taskId), r -> r.getCode() != 280,
				"the video result");
		assertThat(done.getCode()).as(done.getMessage()).isEqualTo(200);
		var data = done.getData();
		assertThat(data.getDataId()).isEqualTo("video-1");
		assertThat(data.getTaskId()).isEqualTo(taskId);
		assertThat(data.getFrameResult().getFrameNum()).isEqualTo(4);
		assertThat(data.getFrameResult().getFrames()).hasSize(1);
		var frame = data.getFrameResult().getFrames().get(0);
		assertThat(frame.getOffset()).isEqualTo(1.0f);
		assertThat(frame.getTempUrl()).isEqualTo("/v1/tasks/" + taskId + "/frames/1");
		assertThat(frame.getResults().get(0).getService()).isEqualTo("baselineCheck");
		assertThat(frame.getResults().get(0).getResult()).anySatisfy(r -> {
			assertThat(r.getLabel()).isEqualTo("pt_qrCode");
			assertThat(r.getConfidence()).isPositive();
		});
		assertThat(data.getFrameResult().getFrameSummarys())
			.anySatisfy(s -> assertThat(s.getLabel() + "=" + s.getLabelSum()).isEqualTo("pt_qrCode=1"));
		assertThat(data.getAudioResult().getSliceDetails())
			.anySatisfy(slice -> assertThat(slice.getRiskWords()).contains("bank account"));
		assertThat(data.getAudioResult().getAudioSummarys())
			.anySatisfy(s -> assertThat(s.getLabel()).isEqualTo("customized"));
	}

	@Test
	void videoModerationCancelStopsTheJobAndItsResultSaysCancelled() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		CountDownLatch release = new CountDownLatch(1);
		String url = media.held("/g2/held.mp4", "never decoded".getBytes(StandardCharsets.UTF_8), release);
		try {
			String taskId = client
				.videoModerationWithOptions(new VideoModerationRequest().setService("videoDetection")
					.setServiceParameters("{\"url\":\"" + url + "\"}"), runtime())
				.getBody()
				.getData()
				.getTaskId();

			VideoModerationCancelResponseBody cancelled = cancelVideo(client, taskId);
			assertThat(cancelled.getCode()).as(cancelled.getMessage()).isEqualTo(200);
			VideoModerationResultResponseBody result = videoResult(client, taskId);
			assertThat(result.getCode()).isEqualTo(410);
			assertThat(result.getMessage()).startsWith("CANCELLED");
			assertThat(result.getData().getTaskId()).isEqualTo(taskId);
			long tenantId = directory.tenantByUid(tenant.uid()).id();
			assertThat(jobs.job(tenantId, taskId).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
			// cancelling again is fine; unknown tasks are 404
			assertThat(cancelVideo(client, taskId).getCode()).isEqualTo(200);
			assertThat(cancelVideo(client, "viNoSuchTask").getCode()).isEqualTo(404);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void liveStreamsAndOssObjectsAreRefused() throws Exception {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		VideoModerationResponseBody live = client
			.videoModerationWithOptions(new VideoModerationRequest().setService("liveStreamDetection")
				.setServiceParameters("{\"url\":\"rtmp://live.example/s\",\"liveId\":\"l1\"}"), runtime())
			.getBody();
		assertThat(live.getCode()).isEqualTo(400);
		assertThat(live.getMessage()).contains("live streams");
		VoiceModerationResponseBody oss = client
			.voiceModerationWithOptions(new VoiceModerationRequest().setService("audio_media_detection")
				.setServiceParameters("{\"ossBucketName\":\"b\",\"ossObjectName\":\"a.mp3\"}"), runtime())
			.getBody();
		assertThat(oss.getCode()).isEqualTo(400);
		assertThat(oss.getMessage()).startsWith("OssNotSupported");
	}

	private static VoiceModerationResultResponseBody voiceResult(Client client, String taskId) {
		try {
			return client
				.voiceModerationResultWithOptions(new VoiceModerationResultRequest().setService("audio_media_detection")
					.setServiceParameters("{\"taskId\":\"" + taskId + "\"}"), runtime())
				.getBody();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static VideoModerationResultResponseBody videoResult(Client client, String taskId) {
		try {
			return client
				.videoModerationResultWithOptions(new VideoModerationResultRequest().setService("videoDetection")
					.setServiceParameters("{\"taskId\":\"" + taskId + "\"}"), runtime())
				.getBody();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static VideoModerationCancelResponseBody cancelVideo(Client client, String taskId) throws Exception {
		return client
			.videoModerationCancelWithOptions(new VideoModerationCancelRequest().setService("videoDetection")
				.setServiceParameters("{\"taskId\":\"" + taskId + "\"}"), runtime())
			.getBody();
	}

}
