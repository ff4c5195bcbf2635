package dev.vetter.detection;

import java.util.Optional;

/**
 * What a media file holds, as FFmpeg reads its container.
 *
 * @param format the container format name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param durationSeconds the container's duration; 0 when the container does not say
 * @param video the first video stream, or {@code null}
 * @param audio the first audio stream, or {@code null}
 */
public record MediaInfo(String format, double durationSeconds, VideoTrack video, AudioTrack audio) {

	public Optional<VideoTrack> videoTrack() {
		return Optional.ofNullable(video);
	}

	public Optional<AudioTrack> audioTrack() {
		return Optional.ofNullable(audio);
	}

	/**
	 * @param codec e.g. {@code h264}
	 * @param frameRate frames per second as the container states it
	 */
	public record VideoTrack(String codec, int width, int height, double frameRate) {
	}

	/**
	 * @param codec e.g. {@code aac}
	 * @param sampleRate the stream's own rate (audio is always delivered at 16 kHz mono)
	 */
	public record AudioTrack(String codec, int sampleRate, int channels) {
	}

}
