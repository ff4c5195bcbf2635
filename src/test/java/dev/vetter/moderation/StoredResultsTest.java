package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vetter.policy.Suggestion;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stored results: written in Vetter's own form with a format marker; rows written before
 * it, in the Green API 1.0 shape, are read by converting.
 */
class StoredResultsTest {

	/** A text result as the former code stored it. */
	static final String LEGACY_TEXT = "{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d1\",\"taskId\":\"txt1\","
			+ "\"content\":\"buy pills at x.com\",\"filteredContent\":\"buy ***** at x.com\",\"results\":[{"
			+ "\"scene\":\"antispam\",\"label\":\"ad\",\"suggestion\":\"block\",\"rate\":99.5,\"details\":[{"
			+ "\"label\":\"ad\",\"contexts\":[{\"context\":\"pills\",\"positions\":[{\"startPos\":4,\"endPos\":9}],"
			+ "\"libName\":\"banned\",\"libCode\":\"12\",\"ruleType\":\"content\"},{\"context\":\"x.com\","
			+ "\"positions\":[{\"startPos\":13,\"endPos\":18}]}]}]}]}";

	/** An animated image result as the former code stored it. */
	static final String LEGACY_IMAGE = "{\"code\":200,\"msg\":\"OK\",\"dataId\":\"d9\",\"taskId\":\"img1\","
			+ "\"url\":\"https://cdn/x.gif\",\"results\":[{\"scene\":\"ad\",\"label\":\"ad\",\"suggestion\":\"block\","
			+ "\"rate\":90.0,\"frames\":[{\"rate\":90.0,\"index\":0,\"offset\":0}],\"hintWordsInfo\":[{\"context\":"
			+ "\"buy\"}],\"qrcodeData\":[\"https://a\"],\"qrcodeLocations\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,"
			+ "\"qrcode\":\"https://a\"}]},{\"scene\":\"ocr\",\"label\":\"normal\",\"suggestion\":\"pass\","
			+ "\"rate\":99.9,\"ocrData\":[\"buy now\"]}],\"extras\":{\"hitLibInfo\":[{\"context\":\"cat.jpg\","
			+ "\"libCode\":\"7\",\"libName\":\"imgs\"}]}}";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsATextResultStoredInTheGreenShape() {
		ModerationResult r = StoredResults.read(json, LEGACY_TEXT);

		assertThat(r.state()).isEqualTo(ModerationResult.State.DONE);
		assertThat(r.taskId()).isEqualTo("txt1");
		assertThat(r.dataId()).isEqualTo("d1");
		assertThat(r.content()).isEqualTo("buy pills at x.com");
		assertThat(r.filteredContent()).isEqualTo("buy ***** at x.com");
		ModerationResult.Check check = r.checks().get(0);
		assertThat(check.name()).isEqualTo("antispam");
		assertThat(check.suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(check.rate()).isEqualTo(99.5);
		List<ModerationResult.Match> matches = check.textFindings().get(0).matches();
		assertThat(matches.get(0))
			.isEqualTo(new ModerationResult.Match("pills", List.of(new ModerationResult.Position(4, 9)),
					new ModerationResult.LibraryRef(12, "banned", "12"), null));
		assertThat(matches.get(1).library()).isNull();
		assertThat(matches.get(1).positions()).containsExactly(new ModerationResult.Position(13, 18));
	}

	@Test
	void readsAnImageResultStoredInTheGreenShape() {
		ModerationResult r = StoredResults.read(json, LEGACY_IMAGE);

		assertThat(r.url()).isEqualTo("https://cdn/x.gif");
		ModerationResult.Check ad = r.checks().get(0);
		assertThat(ad.frames()).containsExactly(new ModerationResult.FrameHit(null, 90.0, 0, 0L));
		assertThat(ad.hintWords()).containsExactly("buy");
		assertThat(ad.qrcodes()).containsExactly(new ModerationResult.QrCode("https://a", 1, 2, 3, 4));
		assertThat(r.checks().get(1).ocrText()).containsExactly("buy now");
		assertThat(r.libraryHits()).containsExactly(new ModerationResult.LibraryHit("cat.jpg", "7", "imgs"));
	}

	@Test
	void writesItsOwnFormWithAMarkerAndReadsItBack() {
		ModerationResult legacy = StoredResults.read(json, LEGACY_IMAGE);
		String stored = StoredResults.write(json, legacy);

		assertThat(json.readTree(stored).get("format").asString()).isEqualTo(StoredResults.FORMAT);
		assertThat(json.readTree(stored).has("results")).isFalse();
		assertThat(json.readTree(stored).has("code")).isFalse();
		assertThat(StoredResults.read(json, stored)).isEqualTo(legacy);
	}

	@Test
	void refusesAFormatItDoesNotKnow() {
		assertThatThrownBy(() -> StoredResults.read(json, "{\"format\":\"vetter.result/99\",\"taskId\":\"t\"}"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("vetter.result/99");
	}

}
