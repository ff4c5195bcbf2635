package dev.vetter.detection.image;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The NSFW image classifier (nsfwjs MobileNetV2 weights run by {@link NsfwClassifier}).
 *
 * @param modelDirectory directory holding {@code model.min.js} and its weight shards
 * ({@code group1-shard1of1.min.js}, …) in nsfwjs's format; empty means the model bundled
 * in the jar ({@code models/nsfwjs/mobilenet_v2/})
 * @param maxPixels images with more pixels are refused ({@link ImageRefused}) before any
 * work
 */
@ConfigurationProperties("vetter.detection.nsfw")
public record NsfwProperties(@DefaultValue("") String modelDirectory, @DefaultValue("100000000") long maxPixels) {

	public static NsfwProperties defaults() {
		return new NsfwProperties("", 100_000_000L);
	}

}
