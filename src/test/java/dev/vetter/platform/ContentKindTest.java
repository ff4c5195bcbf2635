package dev.vetter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ContentKindTest {

	@Test
	void wireNamesAreAlibabasAndRoundTrip() {
		assertThat(ContentKind.wireNames()).containsExactly("text", "image", "video", "voice");
		for (ContentKind kind : ContentKind.values()) {
			assertThat(ContentKind.parse(kind.wire())).isSameAs(kind);
		}
	}

	@Test
	void taskIdPrefixesAreDistinct() {
		assertThat(Arrays.stream(ContentKind.values()).map(ContentKind::taskIdPrefix)).containsExactly("txt", "img",
				"vi", "au");
	}

	@Test
	void unknownKindIsAValidationErrorListingTheAllowedValues() {
		assertThatThrownBy(() -> ContentKind.parse("audio")).isInstanceOf(InvalidInput.class)
			.hasMessage("kind is one of [text, image, video, voice]; got 'audio'");
		assertThatThrownBy(() -> ContentKind.parse(null)).isInstanceOf(InvalidInput.class)
			.hasMessage("kind is one of [text, image, video, voice]");
		assertThatThrownBy(() -> ContentKind.parse("TEXT")).isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> ContentKind.parse("x".repeat(10_000))).isInstanceOf(InvalidInput.class)
			.hasMessage("kind is one of [text, image, video, voice]");
	}

}
