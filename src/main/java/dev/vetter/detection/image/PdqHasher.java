package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.ImageDetector;
import dev.vetter.detection.PdqHash;

import org.springframework.stereotype.Component;

/**
 * PDQ, written from the published description of the algorithm (Meta, "The TMK+PDQF and
 * PDQ hashing algorithms", 2019), not from the reference code:
 * <ol>
 * <li>luminance {@code Y = 0.299 R + 0.587 G + 0.114 B} per pixel;</li>
 * <li>a Jarosz filter: two passes of a box filter along rows then along columns, each box
 * about {@code 1/128} of the image side wide ({@code ceil(side / 128)} pixels), which
 * approximates a tent filter of twice that width;</li>
 * <li>decimation to 64×64 by taking the filtered value at each cell's centre;</li>
 * <li>the quality: the sum of absolute differences between neighbouring cells of the
 * 64×64 grid, in percent of full scale, divided by 90 and capped at 100;</li>
 * <li>a 2-D DCT of the 64×64 grid keeping the 16×16 lowest frequencies after the DC term
 * (basis rows 1..16);</li>
 * <li>one bit per coefficient: set when it is above the median of the 256.</li>
 * </ol>
 * Stateless and thread-safe; buffers are allocated per call.
 */
@Component
public class PdqHasher implements ImageDetector<PdqHash> {

	private static final int GRID = 64;

	private static final int KEEP = 16;

	/** DCT-II basis rows 1..16 for 64 samples, orthonormal scaling. */
	private static final double[][] DCT = dctMatrix();

	@Override
	public String signal() {
		return "pdq";
	}

	@Override
	public PdqHash detect(DecodedImage.Frame frame) {
		return hash(frame.image());
	}

	/** The PDQ hash of an image (any {@code BufferedImage} type; alpha is ignored). */
	public PdqHash hash(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		float[] luma = luminance(image, w, h);
		float[] tmp = new float[luma.length];
		int windowAlongRows = windowSize(w);
		int windowAlongCols = windowSize(h);
		for (int pass = 0; pass < 2; pass++) {
			boxAlongRows(luma, tmp, w, h, windowAlongRows);
			boxAlongColumns(tmp, luma, w, h, windowAlongCols);
		}
		double[][] grid = decimate(luma, w, h);
		int quality = quality(grid);
		double[] coefficients = dct16(grid);
		return PdqHash.of(threshold(coefficients), quality);
	}

	/** Box width for a side: about 1/128 of it, at least 1. */
	static int windowSize(int side) {
		return (side + 2 * GRID - 1) / (2 * GRID);
	}

	private static float[] luminance(BufferedImage image, int w, int h) {
		float[] luma = new float[w * h];
		if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB) {
			int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
			if (data.length == w * h) {
				for (int i = 0; i < data.length; i++) {
					luma[i] = luma(data[i]);
				}
				return luma;
			}
		}
		int[] row = new int[w];
		for (int y = 0; y < h; y++) {
			image.getRGB(0, y, w, 1, row, 0, w);
			int base = y * w;
			for (int x = 0; x < w; x++) {
				luma[base + x] = luma(row[x]);
			}
		}
		return luma;
	}

	private static float luma(int rgb) {
		return 0.299f * (rgb >> 16 & 0xff) + 0.587f * (rgb >> 8 & 0xff) + 0.114f * (rgb & 0xff);
	}

	/**
	 * Output {@code i} is the mean of inputs {@code [i - (window - half), i + half - 1]}
	 * clipped to the row, {@code half = (window + 2) / 2}: a box centred on {@code i}
	 * (one to the right for even widths) that shrinks at the edges.
	 */
	private static void boxAlongRows(float[] in, float[] out, int w, int h, int window) {
		int half = (window + 2) / 2;
		int behind = window - half;
		for (int y = 0; y < h; y++) {
			int base = y * w;
			double sum = 0;
			int lo = 0;
			int hi = -1;
			for (int x = 0; x < w; x++) {
				int wantHi = Math.min(w - 1, x + half - 1);
				while (hi < wantHi) {
					sum += in[base + ++hi];
				}
				int wantLo = Math.max(0, x - behind);
				while (lo < wantLo) {
					sum -= in[base + lo++];
				}
				out[base + x] = (float) (sum / (hi - lo + 1));
			}
		}
	}

	/**
	 * The same box along columns, one running sum per column so rows are read in order.
	 */
	private static void boxAlongColumns(float[] in, float[] out, int w, int h, int window) {
		int half = (window + 2) / 2;
		int behind = window - half;
		double[] sums = new double[w];
		int lo = 0;
		int hi = -1;
		for (int y = 0; y < h; y++) {
			int wantHi = Math.min(h - 1, y + half - 1);
			while (hi < wantHi) {
				int base = ++hi * w;
				for (int x = 0; x < w; x++) {
					sums[x] += in[base + x];
				}
			}
			int wantLo = Math.max(0, y - behind);
			while (lo < wantLo) {
				int base = lo++ * w;
				for (int x = 0; x < w; x++) {
					sums[x] -= in[base + x];
				}
			}
			int count = hi - lo + 1;
			int base = y * w;
			for (int x = 0; x < w; x++) {
				out[base + x] = (float) (sums[x] / count);
			}
		}
	}

	/** The filtered value at the centre of each of the 64×64 cells. */
	private static double[][] decimate(float[] filtered, int w, int h) {
		double[][] grid = new double[GRID][GRID];
		for (int i = 0; i < GRID; i++) {
			int y = (int) ((i + 0.5) * h / GRID);
			for (int j = 0; j < GRID; j++) {
				int x = (int) ((j + 0.5) * w / GRID);
				grid[i][j] = filtered[y * w + x];
			}
		}
		return grid;
	}

	/** Gradient sum in percent of full scale over the 64×64 grid, /90, capped at 100. */
	private static int quality(double[][] grid) {
		long sum = 0;
		for (int i = 0; i < GRID - 1; i++) {
			for (int j = 0; j < GRID; j++) {
				sum += Math.abs((int) ((grid[i][j] - grid[i + 1][j]) * 100 / 255));
			}
		}
		for (int i = 0; i < GRID; i++) {
			for (int j = 0; j < GRID - 1; j++) {
				sum += Math.abs((int) ((grid[i][j] - grid[i][j + 1]) * 100 / 255));
			}
		}
		return (int) Math.min(100, sum / 90);
	}

	/** {@code D · grid · Dᵀ} for the 16×64 basis {@code D}, row-major 16×16. */
	private static double[] dct16(double[][] grid) {
		double[][] partial = new double[KEEP][GRID];
		for (int i = 0; i < KEEP; i++) {
			double[] d = DCT[i];
			double[] p = partial[i];
			for (int k = 0; k < GRID; k++) {
				double dk = d[k];
				double[] g = grid[k];
				for (int j = 0; j < GRID; j++) {
					p[j] += dk * g[j];
				}
			}
		}
		double[] out = new double[KEEP * KEEP];
		for (int i = 0; i < KEEP; i++) {
			for (int j = 0; j < KEEP; j++) {
				double s = 0;
				double[] p = partial[i];
				double[] d = DCT[j];
				for (int k = 0; k < GRID; k++) {
					s += p[k] * d[k];
				}
				out[i * KEEP + j] = s;
			}
		}
		return out;
	}

	/** Bit k set when coefficient k is above the median (the 128th smallest of 256). */
	private static long[] threshold(double[] coefficients) {
		double[] sorted = coefficients.clone();
		Arrays.sort(sorted);
		double median = sorted[coefficients.length / 2 - 1];
		long[] words = new long[4];
		for (int k = 0; k < coefficients.length; k++) {
			if (coefficients[k] > median) {
				words[k >>> 6] |= 1L << (k & 63);
			}
		}
		return words;
	}

	private static double[][] dctMatrix() {
		double[][] d = new double[KEEP][GRID];
		double scale = Math.sqrt(2.0 / GRID);
		for (int i = 0; i < KEEP; i++) {
			for (int j = 0; j < GRID; j++) {
				d[i][j] = scale * Math.cos(Math.PI / 2 / GRID * (i + 1) * (2 * j + 1));
			}
		}
		return d;
	}

}
