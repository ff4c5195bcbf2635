package dev.vetter.detection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.function.IntFunction;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Test media made on the spot with JavaCV's {@link FFmpegFrameRecorder}: videos whose
 * frames show a known colour (and the second's number) in each second, optionally with an
 * audio track (a committed speech WAV or a sine tone).
 */
public final class MediaFixtures {

	public enum Codec {

		H264(avcodec.AV_CODEC_ID_H264), MPEG4(avcodec.AV_CODEC_ID_MPEG4);

		final int id;

		Codec(int id) {
			this.id = id;
		}

	}

	/** mono 16-bit PCM samples at a rate */
	public record Pcm(short[] samples, int sampleRate) {

		public double seconds() {
			return samples.length / (double) sampleRate;
		}

	}

	private MediaFixtures() {
	}

	/** a distinct, saturated colour per second (hue steps of 37°) */
	public static Color colourOf(int second) {
		return Color.getHSBColor(((second * 37) % 360) / 360f, 1f, 1f);
	}

	/** the second (0..seconds-1) whose colour is nearest to the frame's top-left patch */
	public static int secondShownBy(BufferedImage image, int seconds) {
		Color mean = meanColour(image, 8, 8, 48, 48);
		int best = -1;
		double bestDistance = Double.MAX_VALUE;
		for (int s = 0; s < seconds; s++) {
			Color c = colourOf(s);
			double d = Math.pow(c.getRed() - mean.getRed(), 2) + Math.pow(c.getGreen() - mean.getGreen(), 2)
					+ Math.pow(c.getBlue() - mean.getBlue(), 2);
			if (d < bestDistance) {
				bestDistance = d;
				best = s;
			}
		}
		return best;
	}

	public static Color meanColour(BufferedImage image, int x0, int y0, int w, int h) {
		long r = 0, g = 0, b = 0;
		for (int y = y0; y < y0 + h; y++) {
			for (int x = x0; x < x0 + w; x++) {
				int rgb = image.getRGB(x, y);
				r += (rgb >> 16) & 0xff;
				g += (rgb >> 8) & 0xff;
				b += rgb & 0xff;
			}
		}
		int n = w * h;
		return new Color((int) (r / n), (int) (g / n), (int) (b / n));
	}

	/** a video whose second k is filled with {@link #colourOf(int) colourOf(k)} */
	public static Path video(Path out, int seconds, int fps, int width, int height, Codec codec, Pcm audio) {
		return video(out, seconds, fps, width, height, codec, audio, MediaFixtures::colourOf);
	}

	/**
	 * @param audio the audio track (recorded as AAC at its own rate), or {@code null} for
	 * none
	 * @param colourAt the fill colour of each second
	 */
	public static Path video(Path out, int seconds, int fps, int width, int height, Codec codec, Pcm audio,
			IntFunction<Color> colourAt) {
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, height / 3);
		return video(out, seconds, fps, width, height, codec, audio, (g, second) -> {
			g.setColor(colourAt.apply(second));
			g.fillRect(0, 0, width, height);
			g.setColor(Color.WHITE);
			g.setFont(font);
			g.drawString(Integer.toString(second), width / 3, height * 2 / 3);
		});
	}

	/** Paints the picture shown during one second of a fixture video. */
	@FunctionalInterface
	public interface SecondPainter {

		void paint(Graphics2D g, int second);

	}

	/**
	 * @param audio the audio track (recorded as AAC at its own rate), or {@code null} for
	 * none
	 * @param painter what each second shows
	 */
	public static Path video(Path out, int seconds, int fps, int width, int height, Codec codec, Pcm audio,
			SecondPainter painter) {
		FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, audio == null ? 0 : 1);
		recorder.setFormat("mp4");
		recorder.setVideoCodec(codec.id);
		recorder.setFrameRate(fps);
		recorder.setGopSize(fps);
		recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
		recorder.setVideoBitrate(Math.max(400_000, width * height * 2));
		if (audio != null) {
			recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
			recorder.setSampleRate(audio.sampleRate());
			recorder.setAudioChannels(1);
			recorder.setAudioBitrate(64_000);
		}
		try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
			recorder.start();
			BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
			int audioDone = 0;
			for (int second = 0; second < seconds; second++) {
				Graphics2D g = image.createGraphics();
				painter.paint(g, second);
				g.dispose();
				for (int f = 0; f < fps; f++) {
					recorder.record(converter.convert(image));
				}
				if (audio != null) {
					int end = Math.min(audio.samples().length, (second + 1) * audio.sampleRate());
					if (end > audioDone) {
						recorder.recordSamples(audio.sampleRate(), 1,
								ShortBuffer.wrap(audio.samples(), audioDone, end - audioDone));
						audioDone = end;
					}
				}
			}
			recorder.stop();
			recorder.release();
		}
		catch (FrameRecorder.Exception ex) {
			throw new IllegalStateException("could not record the fixture video", ex);
		}
		return out;
	}

	/**
	 * 8 s, 640x360 H.264 at 10 fps: grey, a QR code ({@code https://spam.example/win}) in
	 * second 2, "CHEAP PILLS" in seconds 4 and 5.
	 * @param audio the audio track, or {@code null} for none
	 */
	public static Path spamVideo(Path out, Pcm audio) throws WriterException {
		int w = 640;
		int h = 360;
		BufferedImage qr = MatrixToImageWriter
			.toBufferedImage(new QRCodeWriter().encode("https://spam.example/win", BarcodeFormat.QR_CODE, 240, 240));
		return video(out, 8, 10, w, h, Codec.H264, audio, (g, second) -> {
			g.setColor(new Color(200, 200, 200));
			g.fillRect(0, 0, w, h);
			if (second == 2) {
				g.drawImage(qr, (w - 240) / 2, (h - 240) / 2, null);
			}
			if (second == 4 || second == 5) {
				g.setColor(Color.BLACK);
				g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
				g.drawString("CHEAP PILLS", 60, 200);
			}
		});
	}

	/** a sine tone */
	public static Pcm tone(double hertz, double seconds, int sampleRate) {
		short[] samples = new short[(int) Math.round(seconds * sampleRate)];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (short) (Math.sin(2 * Math.PI * hertz * i / sampleRate) * 12_000);
		}
		return new Pcm(samples, sampleRate);
	}

	/**
	 * a committed WAV under {@code src/test/resources/media/speech} (16 kHz mono 16-bit)
	 */
	public static Pcm speech(String name) {
		try (InputStream raw = MediaFixtures.class.getResourceAsStream("/media/speech/" + name + ".wav");
				AudioInputStream in = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(raw))) {
			AudioFormat format = in.getFormat();
			if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16 || format.isBigEndian()) {
				throw new IllegalStateException("expected mono 16-bit little-endian PCM: " + format);
			}
			byte[] bytes = in.readAllBytes();
			short[] samples = new short[bytes.length / 2];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
			return new Pcm(samples, (int) format.getSampleRate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (UnsupportedAudioFileException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** several clips one after another with {@code gapSeconds} of silence between them */
	public static Pcm concat(double gapSeconds, Pcm... clips) {
		int rate = clips[0].sampleRate();
		int gap = (int) Math.round(gapSeconds * rate);
		int total = 0;
		for (Pcm clip : clips) {
			total += clip.samples().length + gap;
		}
		short[] all = new short[total];
		int at = 0;
		for (Pcm clip : clips) {
			System.arraycopy(clip.samples(), 0, all, at, clip.samples().length);
			at += clip.samples().length + gap;
		}
		return new Pcm(all, rate);
	}

	/** writes PCM as a 16-bit mono WAV file */
	public static Path wav(Path out, Pcm pcm) {
		ByteBuffer bytes = ByteBuffer.allocate(pcm.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asShortBuffer().put(pcm.samples());
		AudioFormat format = new AudioFormat(pcm.sampleRate(), 16, 1, true, false);
		try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(bytes.array()), format,
				pcm.samples().length)) {
			AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, out.toFile());
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
