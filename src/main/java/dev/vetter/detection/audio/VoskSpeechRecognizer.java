package dev.vetter.detection.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

import dev.vetter.detection.AudioSink;
import dev.vetter.detection.VideoSampling;
import dev.vetter.detection.MediaDecoder;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaProperties;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.SpeechRecognizer;
import dev.vetter.detection.SpeechSession;
import dev.vetter.detection.Transcript;
import dev.vetter.detection.WorkControl;

/**
 * {@link SpeechRecognizer} on Vosk. The model is loaded once, at first use, and shared by
 * every job; each {@link #open session} has its own {@link Recognizer} (with word
 * timings), and at most {@code maxConcurrentRecognizers} exist at once.
 */
@Component
public class VoskSpeechRecognizer implements SpeechRecognizer {

	private static final Logger log = LoggerFactory.getLogger(VoskSpeechRecognizer.class);

	private final MediaDecoder decoder;

	private final MediaProperties properties;

	private final VoskModelStore store;

	private final Semaphore recognizers;

	private volatile Model model;

	public VoskSpeechRecognizer(MediaDecoder decoder, MediaProperties properties) {
		this.decoder = Objects.requireNonNull(decoder);
		this.properties = Objects.requireNonNull(properties);
		this.store = new VoskModelStore(VoskSpeechRecognizer.class.getClassLoader());
		this.recognizers = new Semaphore(properties.maxConcurrentRecognizers(), true);
	}

	@Override
	public Transcript transcribe(Path file, WorkControl control) {
		try (SpeechSession session = open(control)) {
			decoder.decode(file, VideoSampling.DEFAULT, null, session, control);
			return session.finish();
		}
	}

	@Override
	public SpeechSession open(WorkControl control) {
		Model shared = model();
		if (!control.acquire(recognizers)) {
			return new NothingHeard();
		}
		try {
			Recognizer recognizer = new Recognizer(shared, AudioSink.SAMPLE_RATE);
			recognizer.setWords(true);
			return new VoskSession(recognizer, recognizers::release);
		}
		catch (IOException | RuntimeException ex) {
			recognizers.release();
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "could not start the speech recogniser", ex);
		}
	}

	/** the shared model, loaded at first use */
	Model model() {
		Model loaded = model;
		if (loaded == null) {
			synchronized (this) {
				loaded = model;
				if (loaded == null) {
					model = loaded = load();
				}
			}
		}
		return loaded;
	}

	private Model load() {
		Path folder = properties.speechModel() != null ? VoskModelStore.configured(properties.speechModel())
				: store.bundled(properties.modelCacheDir());
		long started = System.nanoTime();
		try {
			LibVosk.setLogLevel(LogLevel.WARNINGS);
			Model loaded = new Model(folder.toAbsolutePath().toString());
			log.info("speech model loaded from {} in {} ms", folder, (System.nanoTime() - started) / 1_000_000);
			return loaded;
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "could not load the speech model", ex);
		}
	}

	/** the session of a job cancelled while it waited for a recogniser */
	private static final class NothingHeard implements SpeechSession {

		@Override
		public void accept(byte[] pcm, int length, double startSeconds) {
		}

		@Override
		public Transcript finish() {
			return new Transcript(java.util.List.of(), 0);
		}

		@Override
		public void close() {
		}

	}

}
