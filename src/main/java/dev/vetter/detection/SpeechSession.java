package dev.vetter.detection;

/**
 * One recogniser for one job, fed 16 kHz mono PCM as an {@link AudioSink} (for example by
 * a {@link MediaDecoder} pass over a video), then asked for the {@link Transcript}.
 * Recognition may run on other threads while the feeder goes on. Not thread-safe; always
 * close it (it may hold native memory and queued work).
 */
public interface SpeechSession extends AudioSink, AutoCloseable {

	/**
	 * ends the audio and returns everything heard; the session cannot be fed afterwards
	 */
	Transcript finish();

	@Override
	void close();

}
