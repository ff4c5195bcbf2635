package dev.vetter.detection.video;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.vetter.detection.AudioSink;
import dev.vetter.detection.VideoSampling;
import dev.vetter.detection.FrameSink;
import dev.vetter.detection.MediaDecoder;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaInfo;
import dev.vetter.detection.MediaPass;
import dev.vetter.detection.MediaProgress;
import dev.vetter.detection.MediaProperties;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.VideoFrame;
import dev.vetter.detection.WorkControl;

/**
 * {@link MediaDecoder} on FFmpeg through JavaCV's {@link FFmpegFrameGrabber}. One grabber
 * per call, closed in {@code finally}; at most {@code maxConcurrentDecodes} grabbers at
 * once; the duration and pixel caps are checked from the headers before any frame is
 * decoded. Input is read from local files only: FFmpeg's protocols are limited to
 * {@code file}, and demuxers that read other files or URLs named inside the input
 * (playlists, concat lists) or that turn text into pictures are refused.
 */
@Component
public class FfmpegMediaDecoder implements MediaDecoder {

	private static final Logger log = LoggerFactory.getLogger(FfmpegMediaDecoder.class);

	/**
	 * demuxers that are not audio/video media: text rendered as video, image sequences,
	 * and formats that open further files or URLs named inside the input
	 */
	private static final Set<String> REFUSED_FORMATS = Set.of("tty", "bin", "xbin", "adf", "idf", "image2", "hls",
			"applehttp", "dash", "concat", "ffconcat", "lavfi", "data", "subviewer", "srt", "ass", "webvtt");

	private static final double MICROS = 1_000_000d;

	private static final int PROGRESS_SAMPLES = AudioSink.SAMPLE_RATE;

	static {
		FFmpegLogCallback.setLevel(avutil.AV_LOG_FATAL);
	}

	private final MediaProperties properties;

	private final Semaphore decodes;

	public FfmpegMediaDecoder(MediaProperties properties) {
		this.properties = Objects.requireNonNull(properties);
		this.decodes = new Semaphore(properties.maxConcurrentDecodes(), true);
	}

	@Override
	public MediaInfo probe(Path file) {
		WorkControl control = WorkControl.unbounded();
		if (!control.acquire(decodes)) {
			throw new IllegalStateException("unreachable: unbounded work is never cancelled");
		}
		try {
			FFmpegFrameGrabber grabber = open(file);
			try {
				return checkedInfo(grabber);
			}
			finally {
				closeQuietly(grabber);
			}
		}
		finally {
			decodes.release();
		}
	}

	@Override
	public MediaPass decode(Path file, VideoSampling sampling, FrameSink frames, AudioSink audio, WorkControl control) {
		Objects.requireNonNull(sampling, "sampling");
		Objects.requireNonNull(control, "control");
		if (frames == null && audio == null) {
			throw new IllegalArgumentException("nothing to decode: no frame sink and no audio sink");
		}
		if (!control.acquire(decodes)) {
			return new MediaPass(null, 0, 0, true);
		}
		try {
			FFmpegFrameGrabber grabber = open(file);
			try {
				MediaInfo info = checkedInfo(grabber);
				if (frames != null && info.video() == null) {
					throw new MediaRejected(MediaFailure.BAD_FORMAT, "the file has no video stream");
				}
				if (frames == null && info.audio() == null) {
					throw new MediaRejected(MediaFailure.BAD_FORMAT, "the file has no audio stream");
				}
				return new Pass(grabber, info, sampling, frames, info.audio() != null ? audio : null, control).run();
			}
			finally {
				closeQuietly(grabber);
			}
		}
		finally {
			decodes.release();
		}
	}

	/** an opened grabber, or a typed failure; the caller closes it */
	private FFmpegFrameGrabber open(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new MediaRejected(MediaFailure.BAD_FORMAT, "no media file to read");
		}
		FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
		grabber.setOption("protocol_whitelist", "file");
		grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
		grabber.setSampleRate(AudioSink.SAMPLE_RATE);
		grabber.setAudioChannels(1);
		grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
		try {
			grabber.start();
			return grabber;
		}
		catch (FFmpegFrameGrabber.Exception | RuntimeException ex) {
			closeQuietly(grabber);
			log.debug("FFmpeg could not open {}: {}", file.getFileName(), ex.getMessage());
			throw new MediaRejected(MediaFailure.BAD_FORMAT, "not a video or audio file FFmpeg can read", ex);
		}
	}

	private MediaInfo checkedInfo(FFmpegFrameGrabber grabber) {
		String format = Objects.requireNonNullElse(grabber.getFormat(), "");
		for (String name : format.toLowerCase(Locale.ROOT).split(",")) {
			if (REFUSED_FORMATS.contains(name) || name.endsWith("_pipe")) {
				throw new MediaRejected(MediaFailure.BAD_FORMAT, "not a video or audio format: " + format);
			}
		}
		MediaInfo.VideoTrack video = null;
		if (grabber.hasVideo()) {
			long pixels = (long) grabber.getImageWidth() * grabber.getImageHeight();
			if (pixels <= 0) {
				throw new MediaRejected(MediaFailure.BAD_FORMAT, "the video stream has no picture size");
			}
			if (pixels > properties.maxPixels()) {
				throw new MediaRejected(MediaFailure.TOO_LARGE, "frames of " + grabber.getImageWidth() + "x"
						+ grabber.getImageHeight() + " exceed the limit of " + properties.maxPixels() + " pixels");
			}
			video = new MediaInfo.VideoTrack(grabber.getVideoCodecName(), grabber.getImageWidth(),
					grabber.getImageHeight(), grabber.getFrameRate());
		}
		MediaInfo.AudioTrack audio = grabber.hasAudio() ? new MediaInfo.AudioTrack(grabber.getAudioCodecName(),
				grabber.getSampleRate(), grabber.getAudioChannels()) : null;
		if (video == null && audio == null) {
			throw new MediaRejected(MediaFailure.BAD_FORMAT, "the file has neither video nor audio");
		}
		double duration = Math.max(0, grabber.getLengthInTime() / MICROS);
		checkDuration(duration);
		return new MediaInfo(format, duration, video, audio);
	}

	private void checkDuration(double seconds) {
		if (seconds > properties.maxDuration().toMillis() / 1000d) {
			throw new MediaRejected(MediaFailure.TOO_LARGE,
					"media longer than the limit of " + properties.maxDuration().toSeconds() + " s");
		}
	}

	private static void closeQuietly(FFmpegFrameGrabber grabber) {
		try {
			grabber.close();
		}
		catch (Exception ex) {
			log.debug("closing a grabber failed: {}", ex.getMessage());
		}
	}

	/** the state of one decoding pass */
	private final class Pass {

		private final FFmpegFrameGrabber grabber;

		private final MediaInfo info;

		private final VideoSampling sampling;

		private final FrameSink frames;

		private final AudioSink audio;

		private final WorkControl control;

		private final int framesTotal;

		/** half a frame period: a frame this close before an offset stands for it */
		private final double tolerance;

		private int delivered;

		private double nextOffset;

		private long samples;

		private long samplesAtLastProgress;

		private byte[] pcm = new byte[0];

		private Pass(FFmpegFrameGrabber grabber, MediaInfo info, VideoSampling sampling, FrameSink frames,
				AudioSink audio, WorkControl control) {
			this.grabber = grabber;
			this.info = info;
			this.sampling = sampling;
			this.frames = frames;
			this.audio = audio;
			this.control = control;
			this.framesTotal = frames == null ? 0 : sampling.expectedFrames(info.durationSeconds());
			double fps = info.video() == null ? 0 : info.video().frameRate();
			this.tolerance = fps > 0 ? 0.5 / fps : 0.02;
		}

		MediaPass run() {
			boolean cancelled = false;
			boolean unknownLength = info.durationSeconds() <= 0;
			while (true) {
				if (control.isCancelled()) {
					cancelled = true;
					break;
				}
				control.checkDeadline();
				boolean wantVideo = frames != null && delivered < sampling.maxFrames();
				boolean wantAudio = audio != null;
				if (!wantVideo && !wantAudio) {
					break;
				}
				Frame frame = grab(wantVideo, wantAudio);
				if (frame == null) {
					break;
				}
				double time = frame.timestamp / MICROS;
				if (unknownLength) {
					checkDuration(time);
				}
				if (wantVideo && frame.image != null) {
					video(frame, time);
				}
				else if (wantAudio && frame.samples != null) {
					audio(frame, time);
				}
			}
			if (!cancelled && frames != null && delivered == 0) {
				throw new MediaRejected(MediaFailure.CATCH_FRAME_FAILED, "no frame could be decoded from the video");
			}
			report();
			return new MediaPass(info, delivered, samples / (double) AudioSink.SAMPLE_RATE, cancelled);
		}

		private Frame grab(boolean wantVideo, boolean wantAudio) {
			try {
				return grabber.grabFrame(wantAudio, wantVideo, true, false);
			}
			catch (FFmpegFrameGrabber.Exception | RuntimeException ex) {
				log.debug("FFmpeg failed while decoding: {}", ex.getMessage());
				if (wantVideo) {
					throw new MediaRejected(MediaFailure.CATCH_FRAME_FAILED, "the video stream could not be decoded",
							ex);
				}
				throw new MediaRejected(MediaFailure.BAD_FORMAT, "the audio stream could not be decoded", ex);
			}
		}

		private void video(Frame frame, double time) {
			if (time + tolerance < nextOffset) {
				return;
			}
			if ((long) frame.imageWidth * frame.imageHeight > properties.maxPixels()) {
				// the header was checked; a stream may still change its picture size
				// later
				throw new MediaRejected(MediaFailure.TOO_LARGE,
						"a frame exceeds the limit of " + properties.maxPixels() + " pixels");
			}
			BufferedImage image = new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
			Java2DFrameConverter.copy(frame, image);
			frames.accept(new VideoFrame(delivered, time, image));
			delivered++;
			// the next offset strictly after this frame (frames may be sparser than the
			// interval)
			while (nextOffset <= time + tolerance) {
				nextOffset += sampling.intervalSeconds();
			}
			report();
		}

		private void audio(Frame frame, double time) {
			ShortBuffer buffer = ((ShortBuffer) frame.samples[0]).duplicate();
			int n = buffer.remaining();
			if (pcm.length < n * 2) {
				pcm = new byte[n * 2];
			}
			for (int i = 0; i < n; i++) {
				short s = buffer.get();
				pcm[2 * i] = (byte) s;
				pcm[2 * i + 1] = (byte) (s >> 8);
			}
			audio.accept(pcm, n * 2, time);
			samples += n;
			if (samples - samplesAtLastProgress >= PROGRESS_SAMPLES) {
				samplesAtLastProgress = samples;
				report();
			}
		}

		private void report() {
			control.progress()
				.accept(new MediaProgress(delivered, framesTotal, samples / (double) AudioSink.SAMPLE_RATE,
						info.durationSeconds()));
		}

	}

}
