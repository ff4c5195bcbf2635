package dev.vetter.api.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vetter.moderation.ModerationResult;
import dev.vetter.moderation.TextVerdict;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibrarySource;
import dev.vetter.policy.Suggestion;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Green API 1.0 document of a result is byte for byte what the adapter answered
 * before moderation kept its own result model (the expected strings were written by the
 * former {@code moderation.TaskResult} mapping).
 */
class TaskResultTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aTextResultIsTheGreenDocumentItWasBefore() {
		LibrarySource lib = new LibrarySource(12, "banned", LibraryAction.REVIEW);
		TextVerdict verdict = new TextVerdict("txt1", "buy pills at x.com", "buy ***** at x.com", Suggestion.BLOCK,
				"ad", 99.5,
				List.of(new TextVerdict.Finding("ad", Suggestion.BLOCK, 99.5,
						List.of(new TextVerdict.Context("pills", List.of(new int[] { 4, 9 }), lib, null),
								new TextVerdict.Context("x.com", List.of(new int[] { 13, 18 }), null, "url")))));

		String written = json
			.writeValueAsString(TaskResult.of(ModerationResult.ofText(verdict, "d1", List.of("antispam"))));

		assertThat(written).isEqualTo("{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d1\",\"taskId\":\"txt1\","
				+ "\"content\":\"buy pills at x.com\",\"filteredContent\":\"buy ***** at x.com\",\"results\":[{"
				+ "\"scene\":\"antispam\",\"label\":\"ad\",\"suggestion\":\"block\",\"rate\":99.5,\"details\":[{"
				+ "\"label\":\"ad\",\"contexts\":[{\"context\":\"pills\",\"positions\":[{\"startPos\":4,\"endPos\":9}],"
				+ "\"libName\":\"banned\",\"libCode\":\"12\",\"ruleType\":\"content\"},{\"context\":\"x.com\","
				+ "\"positions\":[{\"startPos\":13,\"endPos\":18}]}]}]}]}");
	}

	@Test
	void anImageResultIsTheGreenDocumentItWasBefore() {
		ModerationResult result = new ModerationResult("img1", "d9", ModerationResult.State.DONE, null, null, null,
				"https://cdn/x.gif",
				List.of(new ModerationResult.Check("ad", "ad", Suggestion.BLOCK, 90.0, null,
						List.of(new ModerationResult.FrameHit(null, 90.0, 0, 0L)), List.of("buy"),
						List.of(new ModerationResult.QrCode("https://a", 1, 2, 3, 4)), null),
						new ModerationResult.Check("ocr", "normal", Suggestion.PASS, 99.9, null, null, null, null,
								List.of("buy now"))),
				List.of(new ModerationResult.LibraryHit("cat.jpg", "7", "imgs")), null);

		assertThat(json.writeValueAsString(TaskResult.of(result))).isEqualTo(
				"{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d9\",\"taskId\":\"img1\",\"url\":\"https://cdn/x.gif\","
						+ "\"results\":[{\"scene\":\"ad\",\"label\":\"ad\",\"suggestion\":\"block\",\"rate\":90.0,"
						+ "\"frames\":[{\"rate\":90.0,\"index\":0,\"offset\":0}],\"hintWordsInfo\":[{\"context\":\"buy\"}],"
						+ "\"qrcodeData\":[\"https://a\"],\"qrcodeLocations\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,"
						+ "\"qrcode\":\"https://a\"}]},{\"scene\":\"ocr\",\"label\":\"normal\",\"suggestion\":\"pass\","
						+ "\"rate\":99.9,\"ocrData\":[\"buy now\"]}],\"extras\":{\"hitLibInfo\":[{\"context\":\"cat.jpg\","
						+ "\"libCode\":\"7\",\"libName\":\"imgs\"}]}}");
	}

	@Test
	void statesWithoutResultKeepTheirCodes() {
		assertThat(json.writeValueAsString(TaskResult.of(ModerationResult.pending("d", "t"))))
			.isEqualTo("{\"code\":280,\"msg\":\"PROCESSING\",\"dataId\":\"d\",\"taskId\":\"t\"}");
		assertThat(json.writeValueAsString(TaskResult.of(ModerationResult.accepted("d", "t", "http://u"))))
			.isEqualTo("{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d\",\"taskId\":\"t\",\"url\":\"http://u\"}");
		assertThat(json.writeValueAsString(
				TaskResult.of(ModerationResult.refused(ProblemCode.VALIDATION_FAILED, "url is required", "d"))))
			.isEqualTo("{\"code\":400,\"msg\":\"url is required\",\"dataId\":\"d\"}");
		assertThat(json.writeValueAsString(TaskResult.of(ModerationResult
			.failed(ModerationResult.Failure.ofCode(480, "download failed"), "d", "img2", "http://u"))))
			.isEqualTo("{\"code\":480,\"msg\":\"download failed\",\"dataId\":\"d\",\"taskId\":\"img2\","
					+ "\"url\":\"http://u\"}");
	}

}
