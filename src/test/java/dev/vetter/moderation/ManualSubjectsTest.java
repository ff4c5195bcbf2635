package dev.vetter.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.net.TargetGuard;

class ManualSubjectsTest {

	/** every host resolves to one public address; IP literals are checked as written */
	private final TargetGuard guard = new TargetGuard(false,
			host -> List.of(InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, (byte) 216, 34 })));

	private final ManualSubjects subjects = new ManualSubjects(new ModerationProperties(20, 100, 40, Duration.ZERO),
			guard);

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
			assertThat(media.check(new HumanReview.ManualTask("d", null, "http://10.0.0.1/a"))).isNotNull();
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
