package dev.vetter.moderation;

import java.io.InputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vetter.detection.text.DefaultTextDetector;
import dev.vetter.policy.BizTypePolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text-quality harness on the committed CI sample (src/test/resources/text-quality/,
 * see its README): the default policy must keep the recorded recall and clean-flag
 * bounds. The full sets run with {@code bench/text-quality/run.sh}; numbers in
 * docs/text-engine.md.
 */
class TextQualitySampleTest {

	private static TextQuality quality;

	@BeforeAll
	static void engine() {
		quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT);
	}

	private static TextQuality.Result run(String sample) throws Exception {
		try (InputStream in = TextQualitySampleTest.class.getResourceAsStream("/text-quality/" + sample + ".tsv")) {
			TextQuality.Result r = quality.evaluate(sample, TextQuality.read(in));
			System.out.println(TextQuality.row(r));
			return r;
		}
	}

	@Test
	void chineseOffensiveCommentsAreSeenWithoutFlaggingSafeOnes() throws Exception {
		TextQuality.Result r = run("ci-cold");
		assertThat(r.total("offensive")).isEqualTo(82);
		assertThat(r.total("clean")).isEqualTo(118);
		assertThat(r.badRecall()).as("recall on offensive COLD comments").isGreaterThanOrEqualTo(COLD_MIN_RECALL);
		assertThat(r.flaggedShare("clean")).as("safe COLD comments flagged").isLessThanOrEqualTo(COLD_MAX_CLEAN);
		assertThat(r.accuracy()).isGreaterThanOrEqualTo(COLD_MIN_ACCURACY);
	}

	@Test
	void hatefulCasesAreSeenWithBoundedFlagsOnNonHatefulOnes() throws Exception {
		TextQuality.Result r = run("ci-hatecheck");
		assertThat(r.total("hate")).isEqualTo(127);
		assertThat(r.total("clean")).isEqualTo(73);
		assertThat(r.badRecall()).as("recall on hateful HateCheck cases").isGreaterThanOrEqualTo(HC_MIN_RECALL);
		assertThat(r.flaggedShare("clean")).as("non-hateful HateCheck cases flagged").isLessThanOrEqualTo(HC_MAX_CLEAN);
	}

	// recorded bounds (measured value with a margin of about two posts); see
	// docs/text-engine.md
	static final double COLD_MIN_RECALL = 0.68; // measured 58/82 = 0.707

	static final double COLD_MAX_CLEAN = 0.14; // measured 14/118 = 0.119

	static final double COLD_MIN_ACCURACY = 0.79; // measured 0.810

	static final double HC_MIN_RECALL = 0.90; // measured 117/127 = 0.921

	static final double HC_MAX_CLEAN = 0.42; // measured 28/73 = 0.384

}
