package dev.vetter.detection;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and models for video and audio.
 *
 * @param maxDuration longer media is refused with {@link MediaFailure#TOO_LARGE} before
 * it is decoded (and, when the container does not state its length, as soon as decoding
 * passes it)
 * @param maxPixels frames larger than this (width × height) are refused; default 8K UHD
 * @param maxConcurrentDecodes native FFmpeg decodes at once; further callers wait
 * @param maxConcurrentRecognizers speech threads, each running one Vosk recogniser at a
 * time, shared by every job on the node (one file's audio is cut at pauses and heard on
 * all of them)
 * @param speechModel a Vosk model folder to use instead of the bundled English model
 * ({@code null}: the bundled one)
 * @param modelCacheDir where the bundled model is extracted at first use
 */
@ConfigurationProperties("vetter.detection.media")
public record MediaProperties(@DefaultValue("2h") Duration maxDuration, @DefaultValue("33177600") long maxPixels,
		@DefaultValue("2") int maxConcurrentDecodes, @DefaultValue("2") int maxConcurrentRecognizers, Path speechModel,
		@DefaultValue("var/models") Path modelCacheDir) {

	public MediaProperties {
		if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
			throw new IllegalArgumentException("vetter.detection.media.max-duration must be positive");
		}
		if (maxPixels <= 0) {
			throw new IllegalArgumentException("vetter.detection.media.max-pixels must be positive");
		}
		if (maxConcurrentDecodes < 1 || maxConcurrentRecognizers < 1) {
			throw new IllegalArgumentException("vetter.detection.media concurrency limits must be at least 1");
		}
	}

	/** the defaults, for code and tests that run without Spring */
	public static MediaProperties defaults() {
		return new MediaProperties(Duration.ofHours(2), 33_177_600L, 2, 2, null, Path.of("var", "models"));
	}

	public MediaProperties withMaxDuration(Duration duration) {
		return new MediaProperties(duration, maxPixels, maxConcurrentDecodes, maxConcurrentRecognizers, speechModel,
				modelCacheDir);
	}

	public MediaProperties withModelCacheDir(Path dir) {
		return new MediaProperties(maxDuration, maxPixels, maxConcurrentDecodes, maxConcurrentRecognizers, speechModel,
				dir);
	}

}
