package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.image.NsfwScores;
import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.Suggestion;

/**
 * What the escalation rules read of an image and what reviewers are shown of it.
 */
class ImageResultsTest {

	static final ImageFindings.Located QR = new ImageFindings.Located("https://qr.example", 10, 20, 30, 40);

	static final ImageFindings.Located HIT_LINE = new ImageFindings.Located("BUY ZORBLAX NOW", 60, 80, 400, 50);

	static final ImageFindings.Located OTHER_LINE = new ImageFindings.Located("a quiet caption", 60, 300, 300, 40);

	static ImageFindings.Scene porn(String label, Suggestion suggestion, double rate) {
		return new ImageFindings.Scene("porn", label, suggestion, rate, List.of(), List.of(), List.of(), List.of());
	}

	@Test
	void theWorstSceneGivesTheSuggestionAndEveryFlaggedSceneIsAFinding() {
		ImageFindings frame = new ImageFindings(List.of(porn("normal", Suggestion.PASS, 97.0),
				new ImageFindings.Scene("qrcode", "qrcode", Suggestion.REVIEW, 99.0, List.of(), List.of(QR), List.of(),
						List.of()),
				new ImageFindings.Scene("ad", "customized", Suggestion.BLOCK, 90.0, List.of("zorblax"), List.of(),
						List.of(HIT_LINE), List.of())));

		TextVerdict summary = ImageResults.summary("img1", List.of(frame));

		assertThat(summary.taskId()).isEqualTo("img1");
		assertThat(summary.suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(summary.label()).isEqualTo("customized");
		assertThat(summary.findings()).extracting(TextVerdict.Finding::label).containsExactly("customized", "qrcode");
		assertThat(EscalationPolicy.escalates(summary, EscalationRules.DEFAULT)).as("block is not escalated by default")
			.isFalse();
	}

	@Test
	void labelScoreRangesReadTheClassifiersRawScoresEvenWhenTheSceneStillPasses() {
		ImageFindings frame = new ImageFindings(List.of(porn("normal", Suggestion.PASS, 35.0)),
				new NsfwScores(0.0, 0.05, 0.3, 0.6, 0.05));
		TextVerdict summary = ImageResults.summary("img2", List.of(frame));

		assertThat(summary.suggestion()).isEqualTo(Suggestion.PASS);
		assertThat(summary.findings()).contains(new TextVerdict.Finding("porn", Suggestion.PASS, 65.0, List.of()));
		EscalationRules pornFrom60 = new EscalationRules(null,
				Map.of("porn", new EscalationRules.ScoreRange(60.0, 100.0)), null, null);
		EscalationRules pornFrom70 = new EscalationRules(null,
				Map.of("porn", new EscalationRules.ScoreRange(70.0, 100.0)), null, null);
		assertThat(EscalationPolicy.escalates(summary, pornFrom60)).isTrue();
		assertThat(EscalationPolicy.escalates(summary, pornFrom70)).isFalse();
		assertThat(EscalationPolicy.escalates(summary, EscalationRules.DEFAULT)).isFalse();
	}

	@Test
	void reviewersSeeTheBoxesTheHitLinesTheScoresAndTheUrl() {
		ImageFindings frame = new ImageFindings(
				List.of(porn("normal", Suggestion.PASS, 97.0),
						new ImageFindings.Scene("qrcode", "qrcode", Suggestion.REVIEW, 99.0, List.of(), List.of(QR),
								List.of(), List.of()),
						new ImageFindings.Scene("ad", "customized", Suggestion.REVIEW, 90.0, List.of("zorblax"),
								List.of(QR), List.of(HIT_LINE), List.of()),
						new ImageFindings.Scene("ocr", "normal", Suggestion.PASS, 99.9, List.of(), List.of(),
								List.of(HIT_LINE, OTHER_LINE), List.of())),
				new NsfwScores(0.01, 0.0, 0.95, 0.01, 0.03));

		Map<String, Object> snapshot = ImageResults.reviewSnapshot("https://img.example/a.jpg", List.of(frame));

		assertThat(snapshot).containsEntry("url", "https://img.example/a.jpg")
			.containsEntry("media", Map.of("kind", "image"));
		@SuppressWarnings("unchecked")
		Map<String, Object> image = (Map<String, Object>) snapshot.get("image");
		assertThat(image.get("qrcodes")).as("one code, found by two scenes")
			.isEqualTo(List.of(Map.of("text", "https://qr.example", "x", 10, "y", 20, "w", 30, "h", 40)));
		assertThat(image.get("ocrLines"))
			.isEqualTo(List.of(Map.of("text", "BUY ZORBLAX NOW", "x", 60, "y", 80, "w", 400, "h", 50, "hit", true),
					Map.of("text", "a quiet caption", "x", 60, "y", 300, "w", 300, "h", 40, "hit", false)));
		assertThat(image.get("hintWords")).isEqualTo(List.of("zorblax"));
		assertThat(image.get("nsfw")).isEqualTo(Map.of("porn", 1.0, "sexy", 3.0, "normal", 96.0));
		assertThat(image.get("frames")).isEqualTo(1);
	}

}
