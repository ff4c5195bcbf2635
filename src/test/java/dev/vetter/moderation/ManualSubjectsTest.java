package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;

class ManualSubjectsTest {

	private final ManualSubjects subjects = new ManualSubjects(new ModerationProperties(20, 100, 40, Duration.ZERO));

	@Test
	void everyKindHasASubject() {
		for (ContentKind kind : ContentKind.values()) {
			assertThat(subjects.of(kind)).as(kind.wire()).isNotNull();
		}
	}

	@Test
	void textTasksCarryContentWithinTheConfiguredLength() {
		ManualSubjects.Subject text = subjects.of(ContentKind.TEXT);
		assertThat(text.check(new HumanReview.ManualTask("d", "hello", null))).isNull();
		assertThat(text.check(new HumanReview.ManualTask("d", null, "https://example.com/a.jpg")).code())
			.isEqualTo(ProblemCode.VALIDATION_FAILED);
		assertThat(text.check(new HumanReview.ManualTask("d", "x".repeat(21), null)).code())
			.isEqualTo(ProblemCode.TOO_LARGE);
		assertThat(text.snapshot(new HumanReview.ManualTask("d", "hello", null))).isEqualTo(Map.of("text", "hello"));
	}

	@Test
	void mediaTasksCarryAnHttpUrlWithinTheConfiguredLength() {
		for (ContentKind kind : new ContentKind[] { ContentKind.IMAGE, ContentKind.VIDEO, ContentKind.VOICE }) {
			ManualSubjects.Subject media = subjects.of(kind);
			assertThat(media.check(new HumanReview.ManualTask("d", null, "https://example.com/a"))).isNull();
			assertThat(media.check(new HumanReview.ManualTask("d", "text only", null))).isNotNull();
			assertThat(media.check(new HumanReview.ManualTask("d", null, "ftp://example.com/a"))).isNotNull();
			assertThat(media.check(new HumanReview.ManualTask("d", null, "https://example.com/" + "a".repeat(30))))
				.isNotNull();
			assertThat(media.snapshot(new HumanReview.ManualTask("d", null, "https://example.com/a")))
				.isEqualTo(Map.of("url", "https://example.com/a"));
		}
	}

	@Test
	void humanLabelsAreReportedUnderTheSceneOfTheirKind() {
		assertThat(subjects.of(ContentKind.TEXT).sceneOf("porn")).isEqualTo("antispam");
		assertThat(subjects.of(ContentKind.VOICE).sceneOf("abuse")).isEqualTo("antispam");
		assertThat(subjects.of(ContentKind.IMAGE).sceneOf("porn")).isEqualTo("porn");
		assertThat(subjects.of(ContentKind.IMAGE).sceneOf("normal")).isEqualTo("porn");
		assertThat(subjects.of(ContentKind.VIDEO).sceneOf("violence")).isEqualTo("terrorism");
		assertThat(subjects.of(ContentKind.IMAGE).sceneOf("qrcode")).isEqualTo("ad");
		assertThat(subjects.of(ContentKind.IMAGE).sceneOf("customized")).isEqualTo("antispam");
	}

}
