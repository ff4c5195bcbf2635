package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/** Input checks and pixel access shared by the model-based detectors. */
final class ImageInput {

	private ImageInput() {
	}

	/**
	 * Refuses null, empty, too small (a side below {@code minSide}) or too large images.
	 */
	static void check(BufferedImage image, int minSide, long maxPixels) {
		if (image == null) {
			throw new ImageRefused("no image");
		}
		int w = image.getWidth();
		int h = image.getHeight();
		if (w < minSide || h < minSide) {
			throw new ImageRefused("image is " + w + "x" + h + "; both sides must be at least " + minSide + " pixels");
		}
		if ((long) w * h > maxPixels) {
			throw new ImageRefused(
					"image is " + w + "x" + h + " = " + ((long) w * h) + " pixels; the limit is " + maxPixels);
		}
	}

	/**
	 * Pixels as packed 0xRRGGBB, row-major. Gray images are read from the raster as they
	 * are stored ({@code getRGB} would run them through a colour-space conversion); alpha
	 * is dropped, as a browser's {@code fromPixels} with three channels does (callers
	 * mask the channels they read; the top byte may hold alpha).
	 * <p>
	 * The array is <em>read-only</em>: for a whole (not sub-image) int-packed RGB or ARGB
	 * image it is the image's own pixel array, not a copy, which spares a 4 MB copy per
	 * megapixel on every scan.
	 */
	static int[] rgb(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		int[] own = ownPixels(image);
		if (own != null) {
			return own;
		}
		int[] out = new int[w * h];
		if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
			Raster r = image.getRaster();
			int[] row = new int[w];
			for (int y = 0; y < h; y++) {
				r.getSamples(0, y, w, 1, 0, row);
				for (int x = 0; x < w; x++) {
					int g = row[x] & 0xff;
					out[y * w + x] = (g << 16) | (g << 8) | g;
				}
			}
			return out;
		}
		if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB) {
			// the stored ints are the packed pixels already (alpha, if any, is masked off
			// by every reader); getRGB would convert each through the colour model
			image.getRaster().getDataElements(0, 0, w, h, out);
			return out;
		}
		image.getRGB(0, 0, w, h, out, 0, w);
		return out;
	}

	/**
	 * The image's own packed pixel array when it holds exactly w×h pixels row by row,
	 * else null.
	 */
	private static int[] ownPixels(BufferedImage image) {
		int type = image.getType();
		if (type != BufferedImage.TYPE_INT_RGB && type != BufferedImage.TYPE_INT_ARGB) {
			return null;
		}
		Raster raster = image.getRaster();
		if (!(raster.getDataBuffer() instanceof DataBufferInt buffer) || buffer.getNumBanks() != 1
				|| buffer.getOffset() != 0 || raster.getParent() != null || raster.getSampleModelTranslateX() != 0
				|| raster.getSampleModelTranslateY() != 0
				|| !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
				|| model.getScanlineStride() != image.getWidth()) {
			return null;
		}
		int[] data = buffer.getData();
		return data.length == image.getWidth() * image.getHeight() ? data : null;
	}

}
