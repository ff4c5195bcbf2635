package dev.vetter.detection;

/**
 * One recogniser for one job, fed 16 kHz mono PCM as an {@link AudioSink} (for example by
 * a {@link MediaDecoder} pass over a video), then asked for the {@link Transcript}. Not
 * thread-safe; always close it (it holds native memory and a recogniser permit).
 */
public interface SpeechSession extends AudioSink, AutoCloseable {

	/**
	 * ends the audio and returns everything heard; the session cannot be fed afterwards
	 */
	Transcript finish();

	@Override
	void close();

}
