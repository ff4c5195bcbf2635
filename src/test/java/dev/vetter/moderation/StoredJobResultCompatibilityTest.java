package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.aliyun.green20220302.Client;
import com.aliyuncs.green.model.v20180509.ImageAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanResultsRequest;

import dev.vetter.api.green.GreenJobDocuments;
import dev.vetter.moderation.internal.Jobs;
import dev.vetter.moderation.internal.Tasks;
import dev.vetter.platform.ContentKind;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk2;
import dev.vetter.support.IntegrationTest;
import dev.vetter.tenancy.TenantDirectory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job results are stored as {@link JobResult}s ({@code vetter.job-result/1}); a job row
 * stored before, in the Green API 1.0 shape, answers the Green results APIs with the same
 * document, the native job resource with its document, and API 2.0 with its result.
 */
@IntegrationTest
class StoredJobResultCompatibilityTest {

	static final String LEGACY_VIDEO = """
			{"code":200,"msg":"OK","dataId":"v1","taskId":"TASK","url":"http://media.example/v.mp4",
			 "results":[{"scene":"qrcode","label":"qrcode","suggestion":"review","rate":99.0,
			   "frames":[{"offset":2.0,"url":"/v1/tasks/TASK/frames/2","label":"qrcode","suggestion":"review",
			     "rate":99.0,"qrcodeData":["https://spam.example/win"]}]},
			  {"scene":"ad","label":"customized","suggestion":"block","rate":99.9,
			   "frames":[{"offset":4.0,"url":"/v1/tasks/TASK/frames/4","label":"customized","suggestion":"block",
			     "rate":99.9,"hintWords":["CHEAP PILLS"]}]}],
			 "audioScanResults":[{"scene":"antispam","label":"customized","suggestion":"block","rate":99.9,
			   "details":[{"startTime":1.62,"endTime":2.55,"text":"send me your bank account number",
			     "label":"customized","suggestion":"block","keyword":"bank account","libName":"pills","libCode":"3"}]}],
			 "failedFrames":[{"offset":3.0,"url":"http://media.example/f3.png","code":480,"msg":"download failed: HTTP 404"}]}
			""";

	static final String LEGACY_VOICE = """
			{"code":200,"msg":"OK","dataId":"a1","taskId":"TASK","url":"http://media.example/a.wav",
			 "results":[{"scene":"antispam","label":"contact","suggestion":"review","rate":90.0,
			   "details":[{"startTime":1.98,"endTime":5.74,"text":"call 5550199","label":"contact",
			     "suggestion":"review","keyword":"5550199","ruleType":"phone"}]}]}
			""";

	static final String LEGACY_IMAGE = """
			{"code":200,"msg":"OK","dataId":"i1","taskId":"TASK","url":"http://media.example/i.png",
			 "results":[{"scene":"qrcode","label":"qrcode","suggestion":"review","rate":99.0,
			   "qrcodeData":["https://qr.example/x"],"qrcodeLocations":[{"x":1,"y":2,"w":30,"h":30,"qrcode":"https://qr.example/x"}]},
			  {"scene":"porn","label":"normal","suggestion":"pass","rate":99.9}],
			 "extras":{"hitLibInfo":[{"context":"42","libCode":"7","libName":"known-bad"}]}}
			""";

	@LocalServerPort
	int port;

	@Autowired
	Jobs jobs;

	@Autowired
	TenantDirectory directory;

	@Autowired
	Clock clock;

	@Autowired
	JsonMapper mapper;

	private final JsonMapper json = JsonMapper.builder().build();

	private String legacyJob(long tenantId, ContentKind kind, String doc) {
		String taskId = kind.taskIdPrefix() + "Legacy" + System.nanoTime();
		jobs.insert(new AsyncJob(taskId, tenantId, kind, null, null, null, null, "{}", JobState.QUEUED, 0,
				JobProgress.NONE, null, null, null, clock.instant(), null, null), Tasks.RequestCallback.NONE, null);
		assertThat(jobs.start(taskId, clock.instant())).isTrue();
		assertThat(jobs.finish(taskId, doc.replace("TASK", taskId), "block", JobState.DONE, clock.instant())).isTrue();
		return taskId;
	}

	@Test
	void jobsStoredInTheGreenShapeAnswerTheSameDocuments() {
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		long tenantId = directory.tenantByUid(tenant.uid()).id();
		String video = legacyJob(tenantId, ContentKind.VIDEO, LEGACY_VIDEO);
		String voice = legacyJob(tenantId, ContentKind.VOICE, LEGACY_VOICE);
		String image = legacyJob(tenantId, ContentKind.IMAGE, LEGACY_IMAGE);

		JsonNode greenVideo = tenant.sdk()
			.call(new VideoAsyncScanResultsRequest(), "[\"" + video + "\"]")
			.json()
			.at("/data/0");
		assertThat(greenVideo).isEqualTo(json.readTree(LEGACY_VIDEO.replace("TASK", video)));
		JsonNode greenVoice = tenant.sdk()
			.call(new VoiceAsyncScanResultsRequest(), "[\"" + voice + "\"]")
			.json()
			.at("/data/0");
		assertThat(greenVoice).isEqualTo(json.readTree(LEGACY_VOICE.replace("TASK", voice)));
		JsonNode greenImage = tenant.sdk()
			.call(new ImageAsyncScanResultsRequest(), "[\"" + image + "\"]")
			.json()
			.at("/data/0");
		assertThat(greenImage).isEqualTo(json.readTree(LEGACY_IMAGE.replace("TASK", image)));

		// the neutral model read from the old row
		JobResult read = StoredJobResults.read(json, jobs.result(video).orElseThrow(), ContentKind.VIDEO);
		assertThat(read.checks()).extracting(JobResult.MediaCheck::name).containsExactly("qrcode", "ad");
		assertThat(read.checks().get(1).frames().get(0).offsetSeconds()).isEqualTo(4.0);
		assertThat(read.audioChecks().get(0).hits().get(0).library().name()).isEqualTo("pills");
		assertThat(read.failedFrames().get(0).code()).isEqualTo(480);
		// ... and written in the Green shape again: the same document, field for field
		JsonNode again = json.valueToTree(GreenJobDocuments.machine(read, mapper));
		assertThat(again).isEqualTo(json.readTree(LEGACY_VIDEO.replace("TASK", video)));

		JsonNode nativeVideo = tenant.api().get("/v1/jobs/" + video).json();
		assertThat(nativeVideo.at("/result/results/1/frames/0/offset").asDouble()).isEqualTo(4.0);
		assertThat(nativeVideo.at("/document/suggestion").asString()).isEqualTo("block");
		assertThat(nativeVideo.at("/document/failedFrames/0/code").asInt()).isEqualTo(480);
		JsonNode nativeVoice = tenant.api().get("/v1/jobs/" + voice).json();
		assertThat(nativeVoice.at("/document/findings/0/matches/0/rule").asString()).isEqualTo("phone");

		Client client = GreenSdk2.client(port, tenant.accessKeyId(), tenant.secret(), null);
		Map<String, Object> g2 = GreenSdk2.callApi(client, "VideoModerationResult",
				Map.of("Service", "videoDetection", "ServiceParameters", "{\"taskId\":\"" + video + "\"}"));
		JsonNode g2Node = json.valueToTree(g2);
		assertThat(g2Node.at("/Data/AudioResult/SliceDetails/0/RiskWords").asString()).isEqualTo("bank account");
		assertThat(g2Node.at("/Data/FrameResult/Frames/1/TempUrl").asString())
			.isEqualTo("/v1/tasks/" + video + "/frames/4");
	}

}
