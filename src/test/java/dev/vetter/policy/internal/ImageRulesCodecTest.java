package dev.vetter.policy.internal;

import org.junit.jupiter.api.Test;

import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.ImageRules;
import dev.vetter.policy.Suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code image} rules of a bizType policy as the API parses and the store keeps them:
 * scores 0..1, a block threshold never under its review threshold, a QR code reviewed or
 * blocked, unknown fields named with their path.
 */
class ImageRulesCodecTest {

	private final PolicyCodec codec = new PolicyCodec();

	@Test
	void imageRulesRoundTripAndAbsentOnesAreNone() {
		BizTypePolicy policy = codec
			.parse("{\"image\":{\"pornReview\":0.5,\"pornBlock\":0.9,\"sexyBlock\":0.95,\"qrcode\":\"block\"}}");
		assertThat(policy.image()).isEqualTo(new ImageRules(0.5, 0.9, null, 0.95, Suggestion.BLOCK));

		BizTypePolicy stored = codec.read(codec.write(policy));
		assertThat(stored).isEqualTo(policy);
		assertThat(codec.write(policy)).doesNotContain("sexyReview");

		assertThat(codec.parse("{\"rules\":false}").image()).isEqualTo(ImageRules.NONE);
		assertThat(BizTypePolicy.DEFAULT.image()).isEqualTo(ImageRules.NONE);
		// a policy stored before image rules existed reads as none
		assertThat(codec.read("{\"lexicons\":true,\"rules\":true,\"libraries\":null,\"labelSuggestions\":{}}").image())
			.isEqualTo(ImageRules.NONE);
	}

	@Test
	void scoresOutsideZeroToOneAreRefusedNamingTheField() {
		assertRefused("{\"image\":{\"pornReview\":1.5}}", "image.pornReview must be a score from 0 to 1");
		assertRefused("{\"image\":{\"sexyBlock\":-0.1}}", "image.sexyBlock must be a score from 0 to 1");
		assertRefused("{\"image\":{\"pornBlock\":\"high\"}}", "image.pornBlock");
	}

	@Test
	void aBlockThresholdUnderItsReviewThresholdIsRefused() {
		assertRefused("{\"image\":{\"pornReview\":0.9,\"pornBlock\":0.5}}",
				"image.pornReview (0.9) must not be above image.pornBlock (0.5)");
		assertRefused("{\"image\":{\"sexyReview\":0.7,\"sexyBlock\":0.6}}",
				"image.sexyReview (0.7) must not be above image.sexyBlock (0.6)");
		// equal is allowed: from that score on the image is blocked
		assertThat(codec.parse("{\"image\":{\"pornReview\":0.7,\"pornBlock\":0.7}}").image().pornBlock())
			.isEqualTo(0.7);
	}

	@Test
	void aQrCodeIsReviewedOrBlockedNeverPassed() {
		assertRefused("{\"image\":{\"qrcode\":\"pass\"}}", "image.qrcode must be review or block");
		assertRefused("{\"image\":{\"qrcode\":\"maybe\"}}", "image.qrcode");
		assertThat(codec.parse("{\"image\":{\"qrcode\":\"review\"}}").image().qrcode()).isEqualTo(Suggestion.REVIEW);
	}

	@Test
	void anUnknownImageFieldIsRefusedWithItsPath() {
		assertRefused("{\"image\":{\"pornThreshold\":0.5}}", "unknown policy field 'image.pornThreshold'");
		assertRefused("{\"image\":[0.5]}", "image");
	}

	private void assertRefused(String json, String detail) {
		assertThatThrownBy(() -> codec.parse(json)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining(detail)
			.extracting(e -> ((InvalidInput) e).problem())
			.isEqualTo(ProblemCode.VALIDATION_FAILED);
	}

}
