package dev.vetter.moderation;

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
		TextQuality.Result r = quality.evaluate(sample, TextQualityBench.committed(sample));
		System.out.println(TextQuality.row(r));
		return r;
	}

	@Test
	void theEvasionCorpusDoesNotGetWorse() throws Exception {
		// the existing corpus (evasions and look-alikes of the engine's tests):
		// 50 of 52 evasions and 1 of 43 look-alikes flagged when recorded.
		// Misses: "你个傻屄" (屄 is not in the lexicon), "watch free porn here"
		// ("porn" alone is a context term). Flagged: the classifier on
		// "Shiitake and shitake". "I'm going to kill this exam" passes since
		// the sixth session (intent without a target is a context term).
		TextQuality.Result r = run("evasion");
		assertThat(r.total("offensive")).isEqualTo(52);
		assertThat(r.total("clean")).isEqualTo(43);
		assertThat(r.byLabel().get("offensive")[1]).as("evasions flagged").isGreaterThanOrEqualTo(50);
		assertThat(r.byLabel().get("clean")[1]).as("look-alikes flagged: " + r.cleanFlaggedBy()).isLessThanOrEqualTo(1);
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
	// docs/text-engine.md. COLD, fifth session: the Chinese threshold moved from 0.700 to
	// 0.800 (picked on train+dev, topics weighed equally), trading recall for fewer safe
	// comments flagged: recall bound 0.62 -> 0.52, clean bound tightened 0.11 -> 0.085,
	// accuracy bound 0.78 -> 0.76 (measured 0.800 -> 0.775)
	static final double COLD_MIN_RECALL = 0.52; // measured 45/82 = 0.549

	static final double COLD_MAX_CLEAN = 0.085; // measured 8/118 = 0.068

	static final double COLD_MIN_ACCURACY = 0.76; // measured 0.775

	// sixth session: 119 -> 118 of 127. Seventh session (English NB-LR weights,
	// threshold 0.690, picked on OLID dev): the model rates HateCheck's templates
	// higher, 118 -> 121 of 127 hateful cases and 30 -> 33 of 73 non-hateful ones
	// flagged (the full HateCheck test split moved the same way: 92.7% / 31.3% ->
	// 95.1% / 35.1%, docs/text-engine.md), so the recall bound rose 0.92 -> 0.93 and
	// the clean bound had to move 0.44 -> 0.48
	static final double HC_MIN_RECALL = 0.93; // measured 121/127 = 0.953

	static final double HC_MAX_CLEAN = 0.48; // measured 33/73 = 0.452

}
