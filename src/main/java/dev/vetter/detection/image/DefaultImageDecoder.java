package dev.vetter.detection.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageDecoder;
import dev.vetter.detection.ImageFormat;
import dev.vetter.detection.ImageRejected;
import dev.vetter.detection.ImageRejected.Reason;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import org.springframework.stereotype.Component;

/**
 * Decodes JPEG (TwelveMonkeys reader: CMYK, YCCK and other odd JPEGs too), PNG, GIF
 * (every frame composed onto the canvas as a browser shows it), BMP and WebP
 * (TwelveMonkeys) with ImageIO, in three steps:
 * <ol>
 * <li>the format is sniffed from the magic numbers;</li>
 * <li>the dimensions are read from the header and checked against {@link ImageLimits}
 * before a pixel is decoded;</li>
 * <li>the pixels are read with source subsampling, so an image whose longest side exceeds
 * the working size is reduced while it is read and its full-size raster never exists
 * (WebP excepted, see {@link ImageLimits#maxWebpPixels()}).</li>
 * </ol>
 * A reader's exception, a truncated file and any other failure become
 * {@link ImageRejected}. Readers are created per call; thread-safe.
 */
@Component
public class DefaultImageDecoder implements ImageDecoder {

	private final ImageLimits limits;

	public DefaultImageDecoder(ImageLimits limits) {
		this.limits = limits;
		ImageIO.setUseCache(false);
	}

	@Override
	public DecodedImage decode(byte[] bytes, FrameSampling sampling) {
		if (bytes == null || bytes.length == 0) {
			throw new ImageRejected(Reason.EMPTY, "the image is empty (0 bytes)");
		}
		ImageFormat format = FormatSniffer.sniff(bytes);
		if (format == null) {
			throw new ImageRejected(Reason.UNSUPPORTED_FORMAT,
					"not a JPEG, PNG, GIF, BMP or WebP image (unknown magic number)");
		}
		ImageReader reader = readerFor(format);
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			reader.setInput(in, false, format != ImageFormat.GIF);
			return (format == ImageFormat.GIF) ? decodeGif(reader, bytes, sampling)
					: decodeStill(reader, format, warnings);
		}
		catch (ImageRejected ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// IIOException, EOFException, and the unchecked exceptions readers throw on
			// malformed data (IndexOutOfBounds, IllegalArgument, IllegalState, ...)
			throw corrupt(format, ex);
		}
		finally {
			reader.dispose();
		}
	}

	private DecodedImage decodeStill(ImageReader reader, ImageFormat format, List<String> warnings) throws IOException {
		int width = reader.getWidth(0);
		int height = reader.getHeight(0);
		checkSize(format, width, height, (format == ImageFormat.WEBP) ? limits.maxWebpPixels() : limits.maxPixels());
		ImageReadParam param = reader.getDefaultReadParam();
		int step = subsampling(width, height);
		if (step > 1) {
			param.setSourceSubsampling(step, step, 0, 0);
		}
		BufferedImage read = reader.read(0, param);
		for (String warning : warnings) {
			// libjpeg's warning for a file that ends before its last scan: the rest is
			// grey
			if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
				throw new ImageRejected(Reason.CORRUPT, format + " image is truncated (" + warning + ")");
			}
		}
		BufferedImage working = opaque(read);
		double scale = (double) width / working.getWidth();
		return new DecodedImage(format, width, height, 1, List.of(new DecodedImage.Frame(0, 0, working, scale)));
	}

	/**
	 * Composes frames 0..last needed onto the canvas (frame offsets and disposal methods
	 * as in the file) and keeps every {@code interval}-th composed picture.
	 */
	private DecodedImage decodeGif(ImageReader reader, byte[] bytes, FrameSampling sampling) throws IOException {
		if (bytes.length < 10) {
			throw new ImageRejected(Reason.CORRUPT, "GIF image is truncated (no logical screen descriptor)");
		}
		int width = (bytes[6] & 0xff) | (bytes[7] & 0xff) << 8;
		int height = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
		checkSize(ImageFormat.GIF, width, height, limits.maxGifPixels());
		int wanted = Math.min(sampling.maxFrames(), limits.maxFrames());
		long lastWanted = Math.min((long) (wanted - 1) * sampling.interval(), limits.maxScannedFrames() - 1);
		BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		List<DecodedImage.Frame> frames = new ArrayList<>();
		long offsetMillis = 0;
		int scanned = 0;
		for (int i = 0; i <= lastWanted; i++) {
			IIOImage frame;
			try {
				checkSize(ImageFormat.GIF, reader.getWidth(i), reader.getHeight(i), limits.maxGifPixels());
				frame = reader.readAll(i, null);
			}
			catch (IndexOutOfBoundsException ex) {
				break; // no more frames
			}
			catch (IOException | RuntimeException ex) {
				if (i == 0) {
					throw ex;
				}
				break; // a broken later frame ends the animation, as in browsers
			}
			scanned++;
			GifFrameInfo info = GifFrameInfo.of(frame.getMetadata());
			BufferedImage before = info.restoreToPrevious() ? copy(canvas) : null;
			Graphics2D g = canvas.createGraphics();
			g.drawImage((BufferedImage) frame.getRenderedImage(), info.left(), info.top(), null);
			g.dispose();
			if (i % sampling.interval() == 0) {
				BufferedImage working = opaque(reduce(canvas));
				frames.add(new DecodedImage.Frame(i, offsetMillis, working, (double) width / working.getWidth()));
			}
			offsetMillis += info.delayMillis();
			if (info.restoreToBackground()) {
				Graphics2D clear = canvas.createGraphics();
				clear.setComposite(AlphaComposite.Clear);
				clear.fillRect(info.left(), info.top(), frame.getRenderedImage().getWidth(),
						frame.getRenderedImage().getHeight());
				clear.dispose();
			}
			else if (before != null) {
				canvas = before;
			}
		}
		return new DecodedImage(ImageFormat.GIF, width, height, scanned, frames);
	}

	private void checkSize(ImageFormat format, int width, int height, long maxPixels) {
		if (width <= 0 || height <= 0) {
			throw new ImageRejected(Reason.CORRUPT, format + " header declares " + width + "x" + height + " pixels");
		}
		if (Math.max(width, height) > limits.maxSide() || (long) width * height > maxPixels) {
			throw new ImageRejected(Reason.TOO_LARGE, format + " image of " + width + "x" + height
					+ " pixels is over the limit (longest side " + limits.maxSide() + ", " + maxPixels + " pixels)");
		}
	}

	/** Smallest integer step that brings the longest side to the working size. */
	private int subsampling(int width, int height) {
		int longest = Math.max(width, height);
		return (longest + limits.workingSide() - 1) / limits.workingSide();
	}

	/** A GIF canvas (at most 4 MP) reduced to working size by area averaging. */
	private BufferedImage reduce(BufferedImage canvas) {
		int step = subsampling(canvas.getWidth(), canvas.getHeight());
		if (step <= 1) {
			return canvas;
		}
		int w = Math.max(1, canvas.getWidth() / step);
		int h = Math.max(1, canvas.getHeight() / step);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = out.createGraphics();
		g.drawImage(canvas.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
		g.dispose();
		return out;
	}

	/** A TYPE_INT_RGB copy with transparency flattened onto white. */
	static BufferedImage opaque(BufferedImage image) {
		if (image.getType() == BufferedImage.TYPE_INT_RGB) {
			return image;
		}
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, out.getWidth(), out.getHeight());
		g.drawImage(image, 0, 0, null);
		g.dispose();
		return out;
	}

	private static BufferedImage copy(BufferedImage image) {
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
		image.copyData(out.getRaster());
		return out;
	}

	private static ImageReader readerFor(ImageFormat format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
		if (!readers.hasNext()) {
			throw new IllegalStateException("no ImageIO reader for " + format + " on the classpath");
		}
		return readers.next();
	}

	private static ImageRejected corrupt(ImageFormat format, Exception cause) {
		String detail = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return new ImageRejected(Reason.CORRUPT, format + " image is truncated or corrupt (" + detail + ")", cause);
	}

	/** What the GIF metadata of one frame says about placing and disposing it. */
	record GifFrameInfo(int left, int top, long delayMillis, String disposal) {

		static GifFrameInfo of(IIOMetadata metadata) {
			Node root = metadata.getAsTree("javax_imageio_gif_image_1.0");
			int left = 0;
			int top = 0;
			long delay = 0;
			String disposal = "none";
			for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
				NamedNodeMap attributes = n.getAttributes();
				if ("ImageDescriptor".equals(n.getNodeName())) {
					left = Integer.parseInt(attributes.getNamedItem("imageLeftPosition").getNodeValue());
					top = Integer.parseInt(attributes.getNamedItem("imageTopPosition").getNodeValue());
				}
				else if ("GraphicControlExtension".equals(n.getNodeName())) {
					delay = 10L * Integer.parseInt(attributes.getNamedItem("delayTime").getNodeValue());
					disposal = attributes.getNamedItem("disposalMethod").getNodeValue();
				}
			}
			return new GifFrameInfo(left, top, delay, disposal);
		}

		boolean restoreToBackground() {
			return "restoreToBackgroundColor".equals(disposal);
		}

		boolean restoreToPrevious() {
			return "restoreToPrevious".equals(disposal);
		}

	}

}
