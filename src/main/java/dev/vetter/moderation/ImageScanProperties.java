package dev.vetter.moderation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.vetter.policy.ImageRules;
import dev.vetter.policy.Suggestion;

/**
 * How image findings become suggestions, and how much image work runs at once. The
 * thresholds and the QR code suggestion are the service-wide defaults: a bizType policy
 * overrides each of them ({@link ImageRules}, field {@code image} of the policy).
 *
 * @param pornReview NSFW score (porn + hentai, 0..1) from which the {@code porn} scene
 * answers {@code porn}/{@code review}
 * @param sexyReview NSFW {@code sexy} score from which the {@code porn} scene answers
 * {@code sexy}/{@code review}
 * @param pornBlock score from which the classifier alone blocks; above 1 (the default) it
 * never does, because the model is a weak signal (docs/detection.md)
 * @param qrcodeSuggestion what a QR code makes the {@code ad} and {@code qrcode} scenes
 * answer ({@code review} or {@code block})
 * @param nsfwConcurrency classifications at once (each takes one core)
 * @param concurrency image tasks (download, decode, detectors) at once on this node
 */
@ConfigurationProperties("vetter.moderation.image")
public record ImageScanProperties(@DefaultValue("0.8") double pornReview, @DefaultValue("0.9") double sexyReview,
		@DefaultValue("1.01") double pornBlock, @DefaultValue("review") Suggestion qrcodeSuggestion,
		@DefaultValue("2") int nsfwConcurrency, @DefaultValue("4") int concurrency) {

	public ImageScanProperties {
		if (qrcodeSuggestion == Suggestion.PASS) {
			throw new IllegalArgumentException("vetter.moderation.image.qrcode-suggestion must be review or block");
		}
		if (nsfwConcurrency < 1 || concurrency < 1) {
			throw new IllegalArgumentException("vetter.moderation.image concurrency settings must be at least 1");
		}
	}

	/**
	 * The thresholds in force under a bizType's image rules: each value the rules set,
	 * else this service-wide default.
	 */
	public Thresholds thresholds(ImageRules rules) {
		return new Thresholds(rules.pornReview() != null ? rules.pornReview() : pornReview,
				rules.pornBlock() != null ? rules.pornBlock() : pornBlock,
				rules.sexyReview() != null ? rules.sexyReview() : sexyReview,
				rules.sexyBlock() != null ? rules.sexyBlock() : Double.POSITIVE_INFINITY,
				rules.qrcode() != null ? rules.qrcode() : qrcodeSuggestion);
	}

	/**
	 * The thresholds one scan judges by; a score at or above a threshold reaches it, and
	 * a block threshold wins over a review one.
	 */
	public record Thresholds(double pornReview, double pornBlock, double sexyReview, double sexyBlock,
			Suggestion qrcode) {
	}

	public static ImageScanProperties defaults() {
		return new ImageScanProperties(0.8, 0.9, 1.01, Suggestion.REVIEW, 2, 4);
	}

}
