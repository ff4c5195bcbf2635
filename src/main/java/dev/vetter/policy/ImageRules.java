package dev.vetter.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.platform.InvalidInput;

/**
 * How a bizType judges the image detectors' findings: the NSFW classifier's thresholds
 * for scene {@code porn} and what a QR code makes the {@code ad} and {@code qrcode}
 * scenes answer. Every field is optional; an absent one takes the service-wide default
 * ({@code vetter.moderation.image.*}: {@code porn-review} 0.8, {@code sexy-review} 0.9,
 * {@code porn-block} above 1, i.e. never, no {@code sexy} block,
 * {@code qrcode-suggestion} review). The classifier blocks only where a block threshold
 * is set.
 *
 * @param pornReview porn + hentai score (0..1) from which scene {@code porn} answers
 * {@code porn}/{@code review}
 * @param pornBlock porn + hentai score (0..1) from which it answers
 * {@code porn}/{@code block}; not under {@code pornReview}
 * @param sexyReview {@code sexy} score (0..1) from which it answers
 * {@code sexy}/{@code review}
 * @param sexyBlock {@code sexy} score (0..1) from which it answers
 * {@code sexy}/{@code block}; not under {@code sexyReview}
 * @param qrcode what a QR code gives: {@code review} or {@code block}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRules(Double pornReview, Double pornBlock, Double sexyReview, Double sexyBlock, Suggestion qrcode) {

	/** Nothing set: every value is the service-wide default. */
	public static final ImageRules NONE = new ImageRules(null, null, null, null, null);

	public ImageRules {
		score("pornReview", pornReview);
		score("pornBlock", pornBlock);
		score("sexyReview", sexyReview);
		score("sexyBlock", sexyBlock);
		ordered("porn", pornReview, pornBlock);
		ordered("sexy", sexyReview, sexyBlock);
		if (qrcode == Suggestion.PASS) {
			throw new InvalidInput("image.qrcode must be review or block");
		}
	}

	private static void score(String field, Double value) {
		if (value != null && !(value >= 0 && value <= 1)) {
			throw new InvalidInput("image." + field + " must be a score from 0 to 1, was " + value);
		}
	}

	private static void ordered(String label, Double review, Double block) {
		if (review != null && block != null && review > block) {
			throw new InvalidInput("image." + label + "Review (" + review + ") must not be above image." + label
					+ "Block (" + block + ")");
		}
	}

}
