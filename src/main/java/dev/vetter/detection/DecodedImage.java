package dev.vetter.detection;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * An image decoded for detection: the sampled frames at working size (every detector
 * works on a reduced image), plus what the original was.
 *
 * @param format the format sniffed from the bytes
 * @param width width of the original image (GIF: the logical screen) in pixels
 * @param height height of the original image in pixels
 * @param frameCount frames the decoder looked at: 1 for still images; for a GIF the
 * frames up to the last sampled one (not necessarily all frames of the file)
 * @param frames the sampled frames, in order, never empty
 */
public record DecodedImage(ImageFormat format, int width, int height, int frameCount, List<Frame> frames) {

	public DecodedImage {
		frames = List.copyOf(frames);
		if (frames.isEmpty()) {
			throw new IllegalArgumentException("an image has at least one frame");
		}
	}

	public Frame first() {
		return frames.get(0);
	}

	/**
	 * One frame at working size. The image is opaque {@code TYPE_INT_RGB} (transparency
	 * flattened onto white) and shared by every detector: treat it as read-only.
	 *
	 * @param index frame number in the file, from 0 (always 0 for still images)
	 * @param offsetMillis when the frame shows, from the start of the animation (sum of
	 * the earlier frames' delays; 0 for still images)
	 * @param image the frame, reduced so that its longest side is at most the decoder's
	 * working size
	 * @param scale original pixels per working pixel along each axis (1 when not reduced)
	 */
	public record Frame(int index, long offsetMillis, BufferedImage image, double scale) {

		/** A rectangle found in {@link #image()} mapped to original-image coordinates. */
		public ImageBox toOriginal(double x, double y, double w, double h) {
			int ox = (int) Math.floor(x * scale);
			int oy = (int) Math.floor(y * scale);
			int ox2 = (int) Math.ceil((x + w) * scale);
			int oy2 = (int) Math.ceil((y + h) * scale);
			return new ImageBox(ox, oy, ox2 - ox, oy2 - oy);
		}

	}

}
