package dev.vetter.detection.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The committed classifier weights load and reproduce the scores recorded when they were
 * trained (bench/text-quality/train.sh); the file format round-trips and refuses garbage.
 */
class AbuseClassifierTest {

	private static AbuseClassifier classifier;

	@BeforeAll
	static void load() {
		classifier = AbuseClassifier.builtin();
	}

	@Test
	void weightsAreSmallEnoughToCommit() throws Exception {
		long total = 0;
		for (String name : List.of("abuse-zh.bin.gz", "abuse-en.bin.gz")) {
			try (InputStream in = getClass().getResourceAsStream("/classifier/" + name)) {
				total += in.readAllBytes().length;
			}
		}
		assertThat(total).isLessThanOrEqualTo(5L * 1024 * 1024);
	}

	@Test
	void reproducesRecordedRates() {
		// rate 50 = the threshold chosen on the development split; recorded when the
		// committed weights were trained (English: seventh session, NB-LR weights,
		// threshold 0.690)
		assertThat(classifier.rate("Have a lovely day, see you at the park.")).isCloseTo(3.9, within(0.15));
		assertThat(classifier.rate("you are a worthless piece of garbage and everyone hates you")).isCloseTo(53.5,
				within(0.15));
		assertThat(classifier.rate("I love this song so much")).isCloseTo(10.7, within(0.15));
		// the evasion corpus's look-alike that set the English threshold's lower end
		// (0.685 flagged it)
		assertThat(classifier.rate("kill the process with kill -9")).isCloseTo(49.6, within(0.15));
		assertThat(classifier.rate("今天天气很好，我们去公园散步吧")).isCloseTo(2.8, within(0.15));
		assertThat(classifier.rate("黑人就是低等民族")).isCloseTo(45.5, within(0.15));
		assertThat(classifier.rate("黑人都是垃圾，滚出中国")).isCloseTo(98.9, within(0.15));
		assertThat(classifier.rate("女生也可以学好数学和编程")).isCloseTo(0.5, within(0.15));
		// neither model reads Cyrillic (or any script but Latin and CJK)
		assertThat(classifier.rate("Привет, как дела")).isZero();
		// Traditional script and full-width are folded before the features
		assertThat(classifier.rate("黑人就是低等民族")).isEqualTo(classifier.rate("黑人就是低等民族"));
		assertThat(classifier.rate("")).isZero();
		assertThat(classifier.rate("   ")).isZero();
	}

	@Test
	void reportsOneAbuseFindingOverTheTextWhenOverTheReportingRate() {
		DefaultTextDetector detector = new DefaultTextDetector();
		TextAnalysis a = detector.analyze("  黑人都是垃圾，滚出中国 ", List.of(), TextDetector.Options.ALL);
		TextHit hit = a.hits().stream().filter(h -> AbuseClassifier.RULE.equals(h.rule())).findFirst().orElseThrow();
		assertThat(hit.label()).isEqualTo("abuse");
		assertThat(hit.origin()).isEqualTo(TextHit.Origin.RULE);
		assertThat(hit.context()).isEqualTo("黑人都是垃圾，滚出中国");
		assertThat(hit.rate()).isGreaterThan(50);
		assertThat(detector.analyze("今天天气很好，我们去公园散步吧", List.of(), TextDetector.Options.ALL).hits()).isEmpty();
		// an option of its own (a bizType's lexicons switch turns it on and off)
		assertThat(detector.analyze("黑人都是垃圾，滚出中国", List.of(), new TextDetector.Options(true, true, false)).hits())
			.isEmpty();
		// not run when the lexicon already blocks the text as abuse: its finding would
		// add
		// nothing
		TextAnalysis blocked = detector.analyze("you are a motherfucker and everyone hates you", List.of(),
				TextDetector.Options.ALL);
		assertThat(blocked.hits()).anyMatch(h -> h.label().equals("abuse") && h.severity() == TextHit.Severity.BLOCK)
			.noneMatch(h -> AbuseClassifier.RULE.equals(h.rule()));
	}

	@Test
	void fileFormatRoundTripsAndRefusesOtherFiles() throws Exception {
		float[] w = new float[1 << 8];
		w[3] = 1.5f;
		w[7] = -0.75f;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		LinearTextClassifier.write(out, 8, 3, 0.25f, w);
		LinearTextClassifier c = LinearTextClassifier.read(new ByteArrayInputStream(out.toByteArray()));
		assertThat(c.bits).isEqualTo(8);
		assertThat(c.charMax).isEqualTo(3);
		assertThat(c.bias).isEqualTo(0.25f);
		assertThat(c.weights[3]).isEqualTo((byte) 127);
		assertThat(c.weights[7] * c.scale).isCloseTo(-0.75f, within(0.01f));
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		LinearTextClassifier.write(again, 8, 3, 0.25f, w);
		assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
		assertThatThrownBy(() -> LinearTextClassifier.read(new ByteArrayInputStream(new byte[] { 1, 2, 3 })))
			.isInstanceOf(RuntimeException.class);
		ByteArrayOutputStream gz = new ByteArrayOutputStream();
		try (var z = new java.util.zip.GZIPOutputStream(gz)) {
			z.write(new byte[] { 0, 0, 0, 1, 0, 0, 0, 1 });
		}
		assertThatThrownBy(() -> LinearTextClassifier.read(new ByteArrayInputStream(gz.toByteArray())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("magic");
	}

}
