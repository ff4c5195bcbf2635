package dev.vetter.detection.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ImageInputTest {

	@Test
	void readsAWholeIntRgbImageWithoutCopyingIt() {
		BufferedImage image = pattern(BufferedImage.TYPE_INT_RGB, 7, 5);

		int[] first = ImageInput.rgb(image);

		assertThat(first).isSameAs(ImageInput.rgb(image));
		assertThat(masked(first)).containsExactly(expected(7, 5, 0, 0));
	}

	@Test
	void copiesTheRightPixelsOfASubImage() {
		BufferedImage image = pattern(BufferedImage.TYPE_INT_RGB, 9, 6);
		BufferedImage sub = image.getSubimage(2, 1, 4, 3);

		int[] pixels = ImageInput.rgb(sub);

		assertThat(pixels).hasSize(12);
		assertThat(masked(pixels)).containsExactly(expected(4, 3, 2, 1));
	}

	@Test
	void dropsAlphaOfArgbImagesForReadersThatMaskTheChannels() {
		BufferedImage image = pattern(BufferedImage.TYPE_INT_ARGB, 3, 2);

		assertThat(masked(ImageInput.rgb(image))).containsExactly(expected(3, 2, 0, 0));
	}

	@Test
	void spreadsGrayLevelsToThreeEqualChannels() {
		BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
		gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] { 0, 100, 255 });

		assertThat(ImageInput.rgb(gray)).containsExactly(0x000000, 0x646464, 0xffffff);
	}

	@Test
	void convertsOtherLayoutsThroughTheColourModel() {
		BufferedImage bgr = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
		bgr.setRGB(0, 0, 0x123456);
		bgr.setRGB(1, 0, 0xabcdef);

		assertThat(masked(ImageInput.rgb(bgr))).containsExactly(0x123456, 0xabcdef);
	}

	/** x in the red byte, y in the green byte, a mix of both in the blue byte */
	private static BufferedImage pattern(int type, int w, int h) {
		BufferedImage image = new BufferedImage(w, h, type);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				image.setRGB(x, y, 0xff000000 | value(x, y));
			}
		}
		return image;
	}

	private static int value(int x, int y) {
		return (x << 16) | (y << 8) | ((x * 31 + y * 7) & 0xff);
	}

	private static int[] expected(int w, int h, int x0, int y0) {
		int[] out = new int[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				out[y * w + x] = value(x0 + x, y0 + y);
			}
		}
		return out;
	}

	private static int[] masked(int[] pixels) {
		int[] out = pixels.clone();
		for (int i = 0; i < out.length; i++) {
			out[i] &= 0xffffff;
		}
		return out;
	}

}
