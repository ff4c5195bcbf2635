package dev.vetter.detection;

/**
 * Receives the audio track as 16 kHz mono signed 16-bit little-endian PCM, in order, on
 * the decoding thread. The array is reused after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface AudioSink {

	/** the rate every sink receives */
	int SAMPLE_RATE = 16_000;

	/**
	 * @param pcm samples, 2 bytes each, little-endian
	 * @param length number of valid bytes in {@code pcm}
	 * @param startSeconds the chunk's presentation time in the media
	 */
	void accept(byte[] pcm, int length, double startSeconds);

}
