package dev.vetter.detection.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.detector.FinderPattern;
import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.ImageBox;
import dev.vetter.detection.ImageDetector;
import dev.vetter.detection.QrCode;

import org.springframework.stereotype.Component;

/**
 * QR codes with ZXing: {@link HybridBinarizer} (local thresholds, so codes inside photos
 * binarise well), {@code TRY_HARDER}, QR_CODE only. Two readers run on the frame:
 * {@link QRCodeMultiReader} finds several codes by their finder patterns anywhere in the
 * frame, at any rotation; {@link GenericMultipleBarcodeReader} then re-searches the parts
 * of the frame around what was found. When nothing is found in a frame whose longest side
 * is over {@value #RETRY_SIDE} pixels, a half-size copy is tried (large, soft codes
 * binarise better smaller). Codes are de-duplicated by content and position. The
 * luminance of an RGB frame is computed once, straight from its raster, with ZXing's own
 * formula (see {@link #luminance}).
 * <p>
 * Not detected: WeChat mini-program codes ("sun codes") and other proprietary symbols,
 * which have no public decoder; Green's {@code programCodeData} stays empty. Stateless
 * and thread-safe (ZXing readers are created per call).
 */
@Component
public class QrCodeDetector implements ImageDetector<List<QrCode>> {

	static final int RETRY_SIDE = 1000;

	private static final Map<DecodeHintType, Object> HINTS = hints();

	@Override
	public String signal() {
		return "qrcode";
	}

	@Override
	public List<QrCode> detect(DecodedImage.Frame frame) {
		BufferedImage image = frame.image();
		List<QrCode> found = scan(image, frame, 1.0);
		if (found.isEmpty() && Math.max(image.getWidth(), image.getHeight()) > RETRY_SIDE) {
			found = scan(half(image), frame, 2.0);
		}
		return found;
	}

	private List<QrCode> scan(BufferedImage image, DecodedImage.Frame frame, double upscale) {
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(luminance(image)));
		Map<String, QrCode> codes = new LinkedHashMap<>();
		collect(() -> new QRCodeMultiReader().decodeMultiple(bitmap, HINTS), frame, upscale, codes);
		collect(() -> new GenericMultipleBarcodeReader(new QRCodeReader()).decodeMultiple(bitmap, HINTS), frame,
				upscale, codes);
		return new ArrayList<>(codes.values());
	}

	/**
	 * The grey levels ZXing reads. For a {@code TYPE_INT_RGB} picture (what the decoder
	 * hands over) they are computed from the raster's packed pixels a row at a time with
	 * the formula of {@link BufferedImageLuminanceSource}
	 * ({@code (306 R + 601 G + 117 B +
	 * 512) >> 10}), so ZXing sees the very same bytes; that source reads each pixel
	 * through {@code getRGB} and the colour model and writes a grey image, which was most
	 * of the detector's time. Other picture types go through
	 * {@link BufferedImageLuminanceSource} as before.
	 */
	static LuminanceSource luminance(BufferedImage image) {
		if (image.getType() != BufferedImage.TYPE_INT_RGB) {
			return new BufferedImageLuminanceSource(image);
		}
		int w = image.getWidth();
		int h = image.getHeight();
		byte[] grey = new byte[w * h];
		int[] row = new int[w];
		Raster raster = image.getRaster();
		for (int y = 0, i = 0; y < h; y++) {
			raster.getDataElements(0, y, w, 1, row);
			for (int x = 0; x < w; x++, i++) {
				int p = row[x];
				grey[i] = (byte) ((306 * ((p >> 16) & 0xFF) + 601 * ((p >> 8) & 0xFF) + 117 * (p & 0xFF)
						+ 0x200) >> 10);
			}
		}
		return new PlanarYUVLuminanceSource(grey, w, h, 0, 0, w, h, false);
	}

	private void collect(Search search, DecodedImage.Frame frame, double upscale, Map<String, QrCode> codes) {
		Result[] results;
		try {
			results = search.run();
		}
		catch (NotFoundException ex) {
			return;
		}
		for (Result result : results) {
			if (result.getBarcodeFormat() != BarcodeFormat.QR_CODE || result.getText() == null) {
				continue;
			}
			double[] box = symbolBox(result.getResultPoints(), dimension(result));
			if (box == null) {
				continue;
			}
			ImageBox location = frame.toOriginal(box[0] * upscale, box[1] * upscale, box[2] * upscale,
					box[3] * upscale);
			// the same symbol seen by both readers: same text, centres within a module or
			// so
			String key = result.getText() + "@" + location.centerX() / 32 + "," + location.centerY() / 32;
			codes.putIfAbsent(key, new QrCode(result.getText(), location));
		}
	}

	/**
	 * The bounding box {x, y, w, h} of the whole symbol. ZXing reports the centres of the
	 * three finder patterns (bottom-left, top-left, top-right), which sit 3.5 modules in
	 * from the symbol's corners along both of its axes; the corners are found by stepping
	 * out along those axes, so a rotated symbol gets the box around its rotated square.
	 */
	static double[] symbolBox(ResultPoint[] points, int dimension) {
		if (points == null || points.length < 3) {
			return null;
		}
		ResultPoint bottomLeft = points[0];
		ResultPoint topLeft = points[1];
		ResultPoint topRight = points[2];
		double module = (topLeft instanceof FinderPattern finder) ? finder.getEstimatedModuleSize() : 0;
		if (module == 0 && dimension > 7) {
			// points moved by GenericMultipleBarcodeReader lose their module size: the
			// finder centres are (dimension - 7) modules apart
			module = topLeft.distance(topLeft, topRight) / (dimension - 7);
		}
		double ux = topRight.getX() - topLeft.getX();
		double uy = topRight.getY() - topLeft.getY();
		double vx = bottomLeft.getX() - topLeft.getX();
		double vy = bottomLeft.getY() - topLeft.getY();
		double ul = Math.hypot(ux, uy);
		double vl = Math.hypot(vx, vy);
		if (ul == 0 || vl == 0) {
			return null;
		}
		double out = 3.5 * module;
		double ax = ux / ul * out;
		double ay = uy / ul * out;
		double bx = vx / vl * out;
		double by = vy / vl * out;
		double[][] corners = { { topLeft.getX() - ax - bx, topLeft.getY() - ay - by },
				{ topRight.getX() + ax - bx, topRight.getY() + ay - by },
				{ bottomLeft.getX() - ax + bx, bottomLeft.getY() - ay + by },
				{ topRight.getX() + vx + ax + bx, topRight.getY() + vy + ay + by } };
		double minX = Double.MAX_VALUE;
		double minY = Double.MAX_VALUE;
		double maxX = -Double.MAX_VALUE;
		double maxY = -Double.MAX_VALUE;
		for (double[] c : corners) {
			minX = Math.min(minX, c[0]);
			minY = Math.min(minY, c[1]);
			maxX = Math.max(maxX, c[0]);
			maxY = Math.max(maxY, c[1]);
		}
		minX = Math.max(0, minX);
		minY = Math.max(0, minY);
		return new double[] { minX, minY, maxX - minX, maxY - minY };
	}

	/**
	 * Modules per side of the symbol, from the number of data codewords and the error
	 * correction level; 0 when they do not identify a version.
	 */
	static int dimension(Result result) {
		byte[] raw = result.getRawBytes();
		Object level = result.getResultMetadata() == null ? null
				: result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL);
		if (raw == null || level == null) {
			return 0;
		}
		ErrorCorrectionLevel ecLevel;
		try {
			ecLevel = ErrorCorrectionLevel.valueOf(level.toString());
		}
		catch (IllegalArgumentException ex) {
			return 0;
		}
		for (int v = 1; v <= 40; v++) {
			Version version = Version.getVersionForNumber(v);
			int data = version.getTotalCodewords() - version.getECBlocksForLevel(ecLevel).getTotalECCodewords();
			if (data == raw.length) {
				return version.getDimensionForVersion();
			}
		}
		return 0;
	}

	private static BufferedImage half(BufferedImage image) {
		int w = Math.max(1, image.getWidth() / 2);
		int h = Math.max(1, image.getHeight() / 2);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(image, 0, 0, w, h, null);
		g.dispose();
		return out;
	}

	private static Map<DecodeHintType, Object> hints() {
		Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
		hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
		hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
		return Map.copyOf(hints);
	}

	@FunctionalInterface
	private interface Search {

		Result[] run() throws NotFoundException;

	}

}
