package dev.vetter.detection.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * Image fixtures made in the tests: encodings, transformations, QR codes, animated GIFs.
 */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] resource(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource /images/" + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static BufferedImage photo(String name) {
		return rgb(read(resource("photos/" + name)));
	}

	public static BufferedImage rgb(BufferedImage image) {
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.drawImage(image, 0, 0, null);
		g.dispose();
		return out;
	}

	public static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] jpeg(BufferedImage image, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(rgb(image), null, null), param);
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
	}

	public static BufferedImage resize(BufferedImage image, int w, int h) {
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(image, 0, 0, w, h, null);
		g.dispose();
		return out;
	}

	/** Cuts {@code percent} of the width and height, half from each side. */
	public static BufferedImage crop(BufferedImage image, double percent) {
		int dx = (int) Math.round(image.getWidth() * percent / 200);
		int dy = (int) Math.round(image.getHeight() * percent / 200);
		return rgb(image.getSubimage(dx, dy, image.getWidth() - 2 * dx, image.getHeight() - 2 * dy));
	}

	/**
	 * Frame {@code i} of the image benchmarks' set: a test photo cropped and resized to
	 * 1224×816 (1 MP), {@code base} applied to it, then every third frame captioned
	 * (alternately "CHEAP PILLS visit spam.example" and "Holiday in the hills") and every
	 * fifth a QR code pasted in at 8°.
	 */
	public static BufferedImage benchmarkFrame(int i) {
		return benchmarkFrame(i, image -> {
		});
	}

	/** As {@link #benchmarkFrame(int)}, with {@code base} applied before the overlays. */
	public static BufferedImage benchmarkFrame(int i, java.util.function.Consumer<BufferedImage> base) {
		String[] photos = { "astronaut.png", "chelsea.png", "coffee.png" };
		BufferedImage image = resize(crop(photo(photos[i % photos.length]), (i * 3) % 20), 1224, 816);
		base.accept(image);
		if (i % 3 == 1) {
			image = caption(image, i % 2 == 0 ? "CHEAP PILLS visit spam.example" : "Holiday in the hills");
		}
		if (i % 5 == 2) {
			image = paste(image, qrCode("https://qr.example/offer/" + i, 5), 300 + 40 * i, 420, 8);
		}
		return image;
	}

	/** A meme-style caption: white bold text with a black outline across the bottom. */
	public static BufferedImage caption(BufferedImage image, String text) {
		BufferedImage out = rgb(image);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		int size = Math.max(12, image.getHeight() / 14);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
		int y = image.getHeight() - size / 2;
		int x = image.getWidth() / 20;
		g.setStroke(new BasicStroke(3));
		g.setColor(Color.BLACK);
		for (int dx = -2; dx <= 2; dx += 2) {
			for (int dy = -2; dy <= 2; dy += 2) {
				g.drawString(text, x + dx, y + dy);
			}
		}
		g.setColor(Color.WHITE);
		g.drawString(text, x, y);
		g.dispose();
		return out;
	}

	/** Smooth random blobs: a synthetic "photo" unrelated to everything else. */
	public static BufferedImage blobs(long seed, int w, int h) {
		Random rnd = new Random(seed);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(new Color(rnd.nextInt(0xffffff)));
		g.fillRect(0, 0, w, h);
		for (int i = 0; i < 25; i++) {
			g.setColor(new Color(rnd.nextInt(0xffffff)));
			int bw = w / 8 + rnd.nextInt(w / 3);
			int bh = h / 8 + rnd.nextInt(h / 3);
			g.fillOval(rnd.nextInt(w) - bw / 2, rnd.nextInt(h) - bh / 2, bw, bh);
		}
		g.dispose();
		return out;
	}

	/**
	 * A photo-like picture unrelated to every other seed: a sky-to-ground gradient,
	 * overlapping shapes in random colours with soft shading, and sensor-like noise.
	 */
	public static BufferedImage scene(long seed, int w, int h) {
		Random rnd = new Random(seed);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setPaint(new java.awt.GradientPaint(0, 0, new Color(rnd.nextInt(0xffffff)), w * rnd.nextFloat(), h,
				new Color(rnd.nextInt(0xffffff))));
		g.fillRect(0, 0, w, h);
		for (int i = 0; i < 18; i++) {
			Color c = new Color(rnd.nextInt(0xffffff));
			int sw = w / 10 + rnd.nextInt(w / 3);
			int sh = h / 10 + rnd.nextInt(h / 3);
			int x = rnd.nextInt(w) - sw / 2;
			int y = rnd.nextInt(h) - sh / 2;
			g.setPaint(new java.awt.GradientPaint(x, y, c, x + sw, y + sh, c.darker().darker()));
			switch (rnd.nextInt(3)) {
				case 0 -> g.fillOval(x, y, sw, sh);
				case 1 -> g.fillRect(x, y, sw, sh);
				default ->
					g.fillPolygon(new int[] { x, x + sw, x + rnd.nextInt(sw + 1) }, new int[] { y + sh, y + sh, y }, 3);
			}
		}
		g.dispose();
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int rgb = out.getRGB(x, y);
				int n = (int) (rnd.nextGaussian() * 6);
				int r = Math.max(0, Math.min(255, ((rgb >> 16) & 0xff) + n));
				int gr = Math.max(0, Math.min(255, ((rgb >> 8) & 0xff) + n));
				int b = Math.max(0, Math.min(255, (rgb & 0xff) + n));
				out.setRGB(x, y, (r << 16) | (gr << 8) | b);
			}
		}
		return out;
	}

	/**
	 * A QR code, {@code moduleSize} pixels a module, with a 4-module white quiet zone.
	 */
	public static BufferedImage qrCode(String text, int moduleSize) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.MARGIN, 4));
			BufferedImage out = new BufferedImage(matrix.getWidth() * moduleSize, matrix.getHeight() * moduleSize,
					BufferedImage.TYPE_INT_RGB);
			Graphics2D g = out.createGraphics();
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, out.getWidth(), out.getHeight());
			g.setColor(Color.BLACK);
			for (int y = 0; y < matrix.getHeight(); y++) {
				for (int x = 0; x < matrix.getWidth(); x++) {
					if (matrix.get(x, y)) {
						g.fillRect(x * moduleSize, y * moduleSize, moduleSize, moduleSize);
					}
				}
			}
			g.dispose();
			return out;
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Pastes {@code patch} into a copy of {@code photo}, rotated by {@code degrees} about
	 * its centre, with its centre at ({@code cx}, {@code cy}).
	 */
	public static BufferedImage paste(BufferedImage photo, BufferedImage patch, int cx, int cy, double degrees) {
		BufferedImage out = rgb(photo);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		AffineTransform at = new AffineTransform();
		at.translate(cx, cy);
		at.rotate(Math.toRadians(degrees));
		at.translate(-patch.getWidth() / 2.0, -patch.getHeight() / 2.0);
		g.drawImage(patch, at, null);
		g.dispose();
		return out;
	}

	public static BufferedImage solid(int w, int h, Color color) {
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, w, h);
		g.dispose();
		return out;
	}

	/** One frame of an animated GIF: an image placed at (left, top), shown for delay. */
	public record GifFrame(BufferedImage image, int left, int top, int delayCentis, String disposal) {
	}

	public static byte[] animatedGif(GifFrame... frames) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.prepareWriteSequence(null);
			for (GifFrame frame : frames) {
				ImageWriteParam param = writer.getDefaultWriteParam();
				IIOMetadata metadata = writer
					.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame.image()), param);
				String format = metadata.getNativeMetadataFormatName();
				IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
				IIOMetadataNode descriptor = child(root, "ImageDescriptor");
				descriptor.setAttribute("imageLeftPosition", Integer.toString(frame.left()));
				descriptor.setAttribute("imageTopPosition", Integer.toString(frame.top()));
				IIOMetadataNode control = child(root, "GraphicControlExtension");
				control.setAttribute("disposalMethod", frame.disposal());
				control.setAttribute("userInputFlag", "FALSE");
				control.setAttribute("transparentColorFlag", "FALSE");
				control.setAttribute("delayTime", Integer.toString(frame.delayCentis()));
				control.setAttribute("transparentColorIndex", "0");
				metadata.setFromTree(format, root);
				writer.writeToSequence(new IIOImage(frame.image(), null, metadata), param);
			}
			writer.endWriteSequence();
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
	}

	private static IIOMetadataNode child(IIOMetadataNode root, String name) {
		for (int i = 0; i < root.getLength(); i++) {
			if (root.item(i).getNodeName().equals(name)) {
				return (IIOMetadataNode) root.item(i);
			}
		}
		IIOMetadataNode node = new IIOMetadataNode(name);
		root.appendChild(node);
		return node;
	}

	static Iterator<ImageWriter> writers(String format) {
		return ImageIO.getImageWritersByFormatName(format);
	}

}
