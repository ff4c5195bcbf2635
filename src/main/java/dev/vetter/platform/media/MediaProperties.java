package dev.vetter.platform.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of media downloads and uploads per kind ({@code vetter.media.*}). Images follow
 * Alibaba: 3 s to download (592 after), 20 MB at most (589). The multipart limits
 * ({@code spring.servlet.multipart.*}) must be at least the largest cap here.
 *
 * @param connectTimeout TCP connect timeout per address
 * @param maxRedirects redirects followed (each target checked again); a loop fails
 * @param imageTimeout total download deadline of an image, redirects included
 * @param imageMaxSize largest image
 * @param videoTimeout total download deadline of a video
 * @param videoMaxSize largest video
 * @param audioTimeout total download deadline of an audio file
 * @param audioMaxSize largest audio file
 */
@ConfigurationProperties("vetter.media")
public record MediaProperties(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5") int maxRedirects,
		@DefaultValue("3s") Duration imageTimeout, @DefaultValue("20MB") DataSize imageMaxSize,
		@DefaultValue("120s") Duration videoTimeout, @DefaultValue("200MB") DataSize videoMaxSize,
		@DefaultValue("120s") Duration audioTimeout, @DefaultValue("200MB") DataSize audioMaxSize) {

	/** Deadline and size cap of one kind. */
	public record Limits(Duration timeout, long maxBytes) {
	}

	public static MediaProperties defaults() {
		return new MediaProperties(Duration.ofSeconds(2), 5, Duration.ofSeconds(3), DataSize.ofMegabytes(20),
				Duration.ofSeconds(120), DataSize.ofMegabytes(200), Duration.ofSeconds(120), DataSize.ofMegabytes(200));
	}

	public Limits limits(MediaKind kind) {
		return switch (kind) {
			case IMAGE -> new Limits(imageTimeout, imageMaxSize.toBytes());
			case VIDEO -> new Limits(videoTimeout, videoMaxSize.toBytes());
			case AUDIO -> new Limits(audioTimeout, audioMaxSize.toBytes());
		};
	}

}
