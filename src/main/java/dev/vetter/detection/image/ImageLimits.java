package dev.vetter.detection.image;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the image decoder ({@code vetter.detection.image.*}). Zero or absent values
 * take the defaults, which follow Alibaba Green's documented limits.
 *
 * @param maxSide longest side of an image, pixels (default 30,000)
 * @param maxPixels width × height of a still image (default 250,000,000)
 * @param maxGifPixels width × height of a GIF's canvas and of each of its frames (default
 * 4,194,304)
 * @param maxWebpPixels width × height of a WebP image (default 50,000,000): the WebP
 * reader decodes the whole image before subsampling, so this bounds its memory (4 bytes a
 * pixel)
 * @param workingSide longest side of the frames handed to detectors (default 2,048);
 * bigger images are subsampled while they are read
 * @param maxFrames frames returned per image at most, whatever the caller asks (default
 * 100)
 * @param maxScannedFrames GIF frames composed per image at most (default 1,000); frames
 * beyond are not looked at
 */
@ConfigurationProperties("vetter.detection.image")
public record ImageLimits(int maxSide, long maxPixels, long maxGifPixels, long maxWebpPixels, int workingSide,
		int maxFrames, int maxScannedFrames) {

	public static final ImageLimits DEFAULTS = new ImageLimits(0, 0, 0, 0, 0, 0, 0);

	public ImageLimits {
		maxSide = maxSide > 0 ? maxSide : 30_000;
		maxPixels = maxPixels > 0 ? maxPixels : 250_000_000L;
		maxGifPixels = maxGifPixels > 0 ? maxGifPixels : 4_194_304L;
		maxWebpPixels = maxWebpPixels > 0 ? maxWebpPixels : 50_000_000L;
		workingSide = workingSide > 0 ? workingSide : 2_048;
		maxFrames = maxFrames > 0 ? maxFrames : 100;
		maxScannedFrames = maxScannedFrames > 0 ? maxScannedFrames : 1_000;
	}

}
