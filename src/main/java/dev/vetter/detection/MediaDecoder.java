package dev.vetter.detection;

import java.nio.file.Path;

/**
 * Reads video and audio files (any container FFmpeg reads) in one pass: sampled frames to
 * a {@link FrameSink} and the audio track, resampled to 16 kHz mono, to an
 * {@link AudioSink}. Native decoding is isolated: one decoder per call, always closed;
 * the number of decodes running at once is capped; every native failure becomes a
 * {@link MediaRejected}. Thread-safe; one instance per application.
 */
public interface MediaDecoder {

	/**
	 * Opens the file's headers only.
	 * @throws MediaRejected {@link MediaFailure#BAD_FORMAT} for anything FFmpeg cannot
	 * open, {@link MediaFailure#TOO_LARGE} past the duration or pixel cap
	 */
	MediaInfo probe(Path file);

	/**
	 * Decodes {@code file} once, feeding both sinks.
	 * @param frames where sampled frames go; {@code null} to skip video
	 * @param sampling which frames (ignored without a frame sink)
	 * @param audio where the audio track goes; {@code null} to skip audio
	 * @return what was delivered; {@link MediaPass#cancelled()} when the token stopped it
	 * @throws MediaRejected for bad input, caps and the deadline
	 */
	MediaPass decode(Path file, VideoSampling sampling, FrameSink frames, AudioSink audio, WorkControl control);

}
