package dev.vetter.detection.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageFormat;
import dev.vetter.detection.ImageRejected;
import dev.vetter.detection.ImageRejected.Reason;
import dev.vetter.detection.PdqHash;
import dev.vetter.detection.image.TestImages.GifFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultImageDecoderTest {

	private final DefaultImageDecoder decoder = new DefaultImageDecoder(ImageLimits.DEFAULTS);

	private final PdqHasher pdq = new PdqHasher();

	private static final BufferedImage CAT = TestImages.resize(TestImages.photo("chelsea.png"), 225, 150);

	@ParameterizedTest
	@ValueSource(strings = { "jpeg", "png", "gif", "bmp" })
	void readsEachFormatWrittenByImageIo(String name) {
		DecodedImage image = decoder.decode(TestImages.encode(CAT, name), FrameSampling.FIRST_FRAME);

		assertThat(image.format()).isEqualTo(ImageFormat.valueOf(name.toUpperCase()));
		assertThat(image.width()).isEqualTo(225);
		assertThat(image.height()).isEqualTo(150);
		assertThat(image.frames()).singleElement().satisfies(frame -> {
			assertThat(frame.scale()).isEqualTo(1.0);
			assertThat(frame.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
		});
		// the pixels are the cat's, not a blank of the right size
		assertThat(pdq.hash(image.first().image()).distance(pdq.hash(CAT))).isLessThanOrEqualTo(20);
	}

	@ParameterizedTest
	@ValueSource(strings = { "chelsea-lossy.webp", "chelsea-lossless.webp" })
	void readsWebp(String file) {
		DecodedImage image = decoder.decode(TestImages.resource("formats/" + file), FrameSampling.FIRST_FRAME);

		assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
		assertThat(image.width()).isEqualTo(225);
		assertThat(image.height()).isEqualTo(150);
		assertThat(pdq.hash(image.first().image()).distance(pdq.hash(CAT))).isLessThanOrEqualTo(20);
	}

	@Test
	void sniffsTheFormatFromTheBytesNotTheName() {
		// a PNG is a PNG whatever a header or file name claims; the decoder never sees
		// names
		DecodedImage image = decoder.decode(TestImages.encode(CAT, "png"), FrameSampling.FIRST_FRAME);
		assertThat(image.format()).isEqualTo(ImageFormat.PNG);
		DecodedImage bmp = decoder.decode(TestImages.encode(CAT, "bmp"), FrameSampling.FIRST_FRAME);
		assertThat(bmp.format()).isEqualTo(ImageFormat.BMP);
	}

	@Test
	void reducesBigImagesToWorkingSizeWhileReading() {
		BufferedImage big = TestImages.resize(CAT, 5000, 3334);
		DecodedImage image = decoder.decode(TestImages.jpeg(big, 0.8f), FrameSampling.FIRST_FRAME);

		assertThat(image.width()).isEqualTo(5000);
		assertThat(image.height()).isEqualTo(3334);
		BufferedImage working = image.first().image();
		assertThat(Math.max(working.getWidth(), working.getHeight())).isLessThanOrEqualTo(2048);
		assertThat(working.getWidth()).isEqualTo(1667); // every 3rd pixel
		assertThat(image.first().scale()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
		assertThat(pdq.hash(working).distance(pdq.hash(CAT))).isLessThanOrEqualTo(20);
	}

	@Test
	void refusesAPngHeaderClaiming40000SquareBeforeAllocating() {
		// 1.6 billion pixels would need 6.4 GB; the test JVM has 2 GB, so only a refusal
		// from
		// the header gets here without an OutOfMemoryError
		assertThatThrownBy(() -> decoder.decode(png(40_000, 40_000), FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE))
			.hasMessageContaining("40000x40000");
	}

	@Test
	void refusesAJpegHeaderClaiming40000Square() {
		byte[] jpeg = withJpegSize(TestImages.jpeg(CAT, 0.8f), 40_000, 40_000);
		assertThatThrownBy(() -> decoder.decode(jpeg, FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
	}

	@Test
	void refusesTooManyPixelsEvenWithEverySideAllowed() {
		// 20,000 x 12,600 = 252 million pixels > 250 million
		assertThatThrownBy(() -> decoder.decode(png(20_000, 12_600), FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
	}

	@Test
	void refusesAGifCanvasOverAlibabasGifLimit() {
		byte[] gif = TestImages.encode(TestImages.solid(64, 64, Color.RED), "gif");
		// logical screen 2100 x 2100 = 4.41 million pixels > 4,194,304
		gif[6] = (byte) (2100 & 0xff);
		gif[7] = (byte) (2100 >> 8);
		gif[8] = (byte) (2100 & 0xff);
		gif[9] = (byte) (2100 >> 8);
		assertThatThrownBy(() -> decoder.decode(gif, FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
	}

	@Test
	void refusesATruncatedJpegAsCorrupt() {
		byte[] jpeg = TestImages.jpeg(TestImages.photo("coffee.png"), 0.9f);
		byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
		assertThatThrownBy(() -> decoder.decode(truncated, FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.CORRUPT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "png", "gif", "bmp" })
	void refusesOtherTruncatedFilesAsCorrupt(String format) {
		byte[] bytes = TestImages.encode(CAT, format);
		byte[] truncated = Arrays.copyOf(bytes, 40);
		assertThatThrownBy(() -> decoder.decode(truncated, FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.CORRUPT));
	}

	@Test
	void refusesRandomBytesAsUnsupportedFormat() {
		byte[] noise = new byte[10_000];
		new Random(7).nextBytes(noise);
		noise[0] = 0x12; // not 0xFF, 0x89, 'G', 'R', 'B' by accident
		assertThatThrownBy(() -> decoder.decode(noise, FrameSampling.FIRST_FRAME)).isInstanceOfSatisfying(
				ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
	}

	@Test
	void refusesTextAndOtherFormatsAsUnsupported() {
		for (String text : List.of("<html><body>hi</body></html>", "BM is not a bitmap", "%PDF-1.7",
				"RIFF\0\0\0\0WAVEfmt ")) {
			assertThatThrownBy(
					() -> decoder.decode(text.getBytes(StandardCharsets.ISO_8859_1), FrameSampling.FIRST_FRAME))
				.as(text)
				.isInstanceOfSatisfying(ImageRejected.class,
						ex -> assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
		}
	}

	@Test
	void refusesRandomBytesBehindAJpegMagicNumberAsCorrupt() {
		byte[] noise = new byte[10_000];
		new Random(7).nextBytes(noise);
		noise[0] = (byte) 0xFF;
		noise[1] = (byte) 0xD8;
		noise[2] = (byte) 0xFF;
		assertThatThrownBy(() -> decoder.decode(noise, FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.CORRUPT));
	}

	@Test
	void refusesZeroBytesAsEmpty() {
		assertThatThrownBy(() -> decoder.decode(new byte[0], FrameSampling.FIRST_FRAME))
			.isInstanceOfSatisfying(ImageRejected.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.EMPTY));
	}

	@Test
	void honoursGifIntervalAndMaxFrames() {
		Color[] colors = { Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA, Color.CYAN, Color.ORANGE };
		GifFrame[] frames = new GifFrame[colors.length];
		for (int i = 0; i < colors.length; i++) {
			frames[i] = new GifFrame(TestImages.solid(80, 60, colors[i]), 0, 0, 10 * (i + 1), "none");
		}
		byte[] gif = TestImages.animatedGif(frames);

		DecodedImage sampled = decoder.decode(gif, new FrameSampling(2, 3));
		assertThat(sampled.frames()).extracting(DecodedImage.Frame::index).containsExactly(0, 2, 4);
		// offsets: delays of 100, 200, 300, 400 ms before frames 1..4
		assertThat(sampled.frames()).extracting(DecodedImage.Frame::offsetMillis).containsExactly(0L, 300L, 1000L);
		assertThat(sampled.frames()).extracting(f -> centre(f.image()))
			.containsExactly(Color.RED.getRGB(), Color.BLUE.getRGB(), Color.MAGENTA.getRGB());
		assertThat(sampled.frameCount()).isEqualTo(5);

		DecodedImage all = decoder.decode(gif, new FrameSampling(3, 50));
		assertThat(all.frames()).extracting(DecodedImage.Frame::index).containsExactly(0, 3, 6);
		assertThat(all.frameCount()).isEqualTo(7);

		DecodedImage first = decoder.decode(gif, FrameSampling.FIRST_FRAME);
		assertThat(first.frames()).extracting(DecodedImage.Frame::index).containsExactly(0);
		assertThat(first.frameCount()).isEqualTo(1);
	}

	@Test
	void composesPartialGifFramesOntoTheCanvas() {
		byte[] gif = TestImages.animatedGif(new GifFrame(TestImages.solid(80, 60, Color.RED), 0, 0, 10, "none"),
				new GifFrame(TestImages.solid(20, 20, Color.BLUE), 50, 30, 10, "restoreToBackgroundColor"),
				new GifFrame(TestImages.solid(10, 10, Color.GREEN), 0, 0, 10, "none"));

		DecodedImage image = decoder.decode(gif, new FrameSampling(1, 3));

		BufferedImage second = image.frames().get(1).image();
		assertThat(second.getWidth()).isEqualTo(80);
		assertThat(second.getRGB(5, 5)).isEqualTo(Color.RED.getRGB()); // kept from frame
																		// 0
		assertThat(second.getRGB(60, 40)).isEqualTo(Color.BLUE.getRGB()); // the patch
		BufferedImage third = image.frames().get(2).image();
		assertThat(third.getRGB(5, 5)).isEqualTo(Color.GREEN.getRGB());
		assertThat(third.getRGB(30, 30)).isEqualTo(Color.RED.getRGB());
		// the blue patch was disposed to background (transparent, flattened onto white)
		assertThat(third.getRGB(60, 40)).isEqualTo(Color.WHITE.getRGB());
	}

	@Test
	void capsFramesAtTheConfiguredLimit() {
		DefaultImageDecoder capped = new DefaultImageDecoder(new ImageLimits(0, 0, 0, 0, 0, 2, 0));
		GifFrame[] frames = new GifFrame[4];
		for (int i = 0; i < frames.length; i++) {
			frames[i] = new GifFrame(TestImages.solid(40, 30, new Color(i * 60, 0, 0)), 0, 0, 5, "none");
		}
		DecodedImage image = capped.decode(TestImages.animatedGif(frames), new FrameSampling(1, 100));
		assertThat(image.frames()).hasSize(2);
	}

	@Test
	void hashesThroughTheDecoderLikeTheReferenceVectors() {
		// decode + PDQ end to end: same hash as the reference for the full-size original
		DecodedImage image = decoder.decode(TestImages.resource("pdq/aaa-orig.jpg"), FrameSampling.FIRST_FRAME);
		PdqHash expected = PdqHash.fromHex("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", 100);
		assertThat(pdq.detect(image.first()).distance(expected)).isLessThanOrEqualTo(2);
	}

	private static int centre(BufferedImage image) {
		return image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
	}

	/** A valid PNG header for width x height RGB with a tiny (wrong-sized) IDAT. */
	static byte[] png(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
		chunk(out, "IHDR", ihdr.put((byte) 0).put((byte) 0).put((byte) 0).array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[1024]);
		deflater.finish();
		byte[] idat = new byte[2048];
		int n = deflater.deflate(idat);
		chunk(out, "IDAT", Arrays.copyOf(idat, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** The JPEG with its frame header (SOF0) saying width x height. */
	static byte[] withJpegSize(byte[] jpeg, int width, int height) {
		byte[] out = jpeg.clone();
		for (int i = 2; i + 9 < out.length; i++) {
			if ((out[i] & 0xff) == 0xFF && (out[i + 1] & 0xff) == 0xC0) {
				out[i + 5] = (byte) (height >> 8);
				out[i + 6] = (byte) height;
				out[i + 7] = (byte) (width >> 8);
				out[i + 8] = (byte) width;
				return out;
			}
		}
		throw new IllegalArgumentException("no SOF0 marker");
	}

}
