package dev.vetter.detection.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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
 * every job. A {@link #open session} cuts its audio at pauses into segments of
 * {@value #MIN_SEGMENT_SECONDS}–{@value #MAX_SEGMENT_SECONDS} s and hears each with a
 * {@link Recognizer} of its own (with word timings) on a pool of
 * {@code maxConcurrentRecognizers} speech threads shared by all jobs: one long file uses
 * every speech thread, and the decoding thread (which also scans a video's frames) never
 * waits for recognition unless a session has {@link #IN_FLIGHT_PER_THREAD} segments per
 * thread pending. Silent segments are not recognised. Vosk is single-threaded per
 * recogniser, so this is what turns two cores into twice the speed on one file.
 */
@Component
public class VoskSpeechRecognizer implements SpeechRecognizer, AutoCloseable {

	/** a segment is cut at the first pause after this many seconds */
	static final double MIN_SEGMENT_SECONDS = 8;

	/** and at its quietest moment if it reaches this length without a pause */
	static final double MAX_SEGMENT_SECONDS = 20;

	/** segments of one session queued or running, per speech thread */
	static final int IN_FLIGHT_PER_THREAD = 2;

	/** PCM fed to Vosk per call between cancellation checks: 0.25 s */
	static final int CHUNK_BYTES = AudioSink.SAMPLE_RATE / 2;

	private static final Logger log = LoggerFactory.getLogger(VoskSpeechRecognizer.class);

	private final MediaDecoder decoder;

	private final MediaProperties properties;

	private final VoskModelStore store;

	private final ExecutorService threads;

	private volatile Model model;

	public VoskSpeechRecognizer(MediaDecoder decoder, MediaProperties properties) {
		this.decoder = Objects.requireNonNull(decoder);
		this.properties = Objects.requireNonNull(properties);
		this.store = new VoskModelStore(VoskSpeechRecognizer.class.getClassLoader());
		AtomicInteger n = new AtomicInteger();
		this.threads = new ThreadPoolExecutor(properties.maxConcurrentRecognizers(),
				properties.maxConcurrentRecognizers(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
					Thread t = new Thread(r, "speech-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
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
		if (control.isCancelled()) {
			return new NothingHeard();
		}
		SegmentedSession[] session = new SegmentedSession[1];
		session[0] = new SegmentedSession(threads, segment -> hear(shared, segment, () -> session[0].stopped()),
				control, IN_FLIGHT_PER_THREAD * properties.maxConcurrentRecognizers(), MIN_SEGMENT_SECONDS,
				MAX_SEGMENT_SECONDS);
		return session[0];
	}

	/**
	 * one segment through a recogniser of its own, in chunks, until it ends or
	 * {@code stop} says so
	 */
	private static List<Transcript.Segment> hear(Model model, SpeechSegmenter.Segment segment, BooleanSupplier stop) {
		Recognizer recognizer;
		try {
			recognizer = new Recognizer(model, AudioSink.SAMPLE_RATE);
			recognizer.setWords(true);
		}
		catch (IOException | RuntimeException ex) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "could not start the speech recogniser", ex);
		}
		try (VoskSession session = new VoskSession(recognizer, () -> {
		})) {
			byte[] chunk = new byte[CHUNK_BYTES];
			for (int at = 0; at < segment.length() && !stop.getAsBoolean(); at += CHUNK_BYTES) {
				int n = Math.min(CHUNK_BYTES, segment.length() - at);
				System.arraycopy(segment.pcm(), at, chunk, 0, n);
				session.accept(chunk, n, segment.startSeconds());
			}
			return session.finish().segments();
		}
	}

	@Override
	public void close() {
		threads.shutdownNow();
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
