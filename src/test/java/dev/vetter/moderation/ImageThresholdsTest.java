package dev.vetter.moderation;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.image.NsfwScores;
import dev.vetter.policy.ImageRules;
import dev.vetter.policy.Suggestion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scene {@code porn} under a bizType's image rules: the service-wide properties fill what
 * the rules leave out, and by default a high score is reviewed, never blocked.
 */
class ImageThresholdsTest {

	private static final ImageScanProperties SERVICE = ImageScanProperties.defaults();

	/** porn + hentai 0.97, sexy 0.02 */
	private static final NsfwScores EXPLICIT = new NsfwScores(0.0, 0.07, 0.01, 0.9, 0.02);

	/** sexy 0.93 */
	private static final NsfwScores REVEALING = new NsfwScores(0.0, 0.0, 0.05, 0.02, 0.93);

	private static ImageFindings.Scene porn(NsfwScores scores, ImageRules rules) {
		return ImageScanner.porn(scores, SERVICE.thresholds(rules));
	}

	@Test
	void withoutImageRulesAHighScoreIsReviewedNeverBlocked() {
		ImageFindings.Scene explicit = porn(EXPLICIT, ImageRules.NONE);
		assertThat(explicit.label()).isEqualTo("porn");
		assertThat(explicit.suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(explicit.rate()).isEqualTo(97.0);
		ImageFindings.Scene all = porn(new NsfwScores(0, 0.5, 0, 0.5, 0), ImageRules.NONE);
		assertThat(all.suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(porn(REVEALING, ImageRules.NONE).label()).isEqualTo("sexy");
		assertThat(porn(REVEALING, ImageRules.NONE).suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(SERVICE.thresholds(ImageRules.NONE).qrcode()).isEqualTo(Suggestion.REVIEW);
	}

	@Test
	void theBizTypesThresholdsReplaceTheDefaultsOneByOne() {
		ImageRules strict = new ImageRules(0.3, 0.95, null, null, Suggestion.BLOCK);
		ImageScanProperties.Thresholds t = SERVICE.thresholds(strict);
		assertThat(t.pornReview()).isEqualTo(0.3);
		assertThat(t.pornBlock()).isEqualTo(0.95);
		assertThat(t.sexyReview()).isEqualTo(0.9);
		assertThat(t.qrcode()).isEqualTo(Suggestion.BLOCK);

		assertThat(porn(EXPLICIT, strict).suggestion()).isEqualTo(Suggestion.BLOCK);
		ImageFindings.Scene mild = porn(new NsfwScores(0, 0, 0.6, 0.4, 0), strict);
		assertThat(mild.label()).isEqualTo("porn");
		assertThat(mild.suggestion()).isEqualTo(Suggestion.REVIEW);

		ImageRules lenient = new ImageRules(0.99, null, 0.99, null, null);
		ImageFindings.Scene passed = porn(EXPLICIT, lenient);
		assertThat(passed.label()).isEqualTo("normal");
		assertThat(passed.suggestion()).isEqualTo(Suggestion.PASS);
		assertThat(porn(REVEALING, lenient).suggestion()).isEqualTo(Suggestion.PASS);
	}

	@Test
	void aSexyBlockThresholdBlocksAndWinsOverAPornReview() {
		ImageRules rules = new ImageRules(0.01, null, 0.5, 0.9, null);
		ImageFindings.Scene scene = porn(REVEALING, rules);
		assertThat(scene.label()).isEqualTo("sexy");
		assertThat(scene.suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(scene.rate()).isEqualTo(93.0);
	}

	@Test
	void aServiceWideBlockThresholdAppliesWhereTheBizTypeSetsNone() {
		ImageScanProperties blocking = new ImageScanProperties(0.8, 0.9, 0.95, Suggestion.BLOCK, 2, 4);
		assertThat(ImageScanner.porn(EXPLICIT, blocking.thresholds(ImageRules.NONE)).suggestion())
			.isEqualTo(Suggestion.BLOCK);
		assertThat(blocking.thresholds(ImageRules.NONE).qrcode()).isEqualTo(Suggestion.BLOCK);
		// a bizType raises it out of reach of this image
		assertThat(ImageScanner.porn(EXPLICIT, blocking.thresholds(new ImageRules(null, 0.99, null, null, null)))
			.suggestion()).isEqualTo(Suggestion.REVIEW);
	}

}
