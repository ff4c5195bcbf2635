package dev.vetter.detection.audio;

import java.util.ArrayList;
import java.util.List;

import org.vosk.Recognizer;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.vetter.detection.AudioSink;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.SpeechSession;
import dev.vetter.detection.Transcript;

/**
 * One Vosk recogniser fed PCM chunks. Vosk cuts utterances at pauses; each finished
 * utterance becomes a {@link Transcript.Segment}. Word times from Vosk count from the
 * first sample fed, so they are shifted by the first chunk's start time.
 */
final class VoskSession implements SpeechSession {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Recognizer recognizer;

	private final Runnable release;

	private final List<Transcript.Segment> segments = new ArrayList<>();

	private double base = Double.NaN;

	private long bytes;

	private boolean finished;

	private boolean closed;

	VoskSession(Recognizer recognizer, Runnable release) {
		this.recognizer = recognizer;
		this.release = release;
	}

	@Override
	public void accept(byte[] pcm, int length, double startSeconds) {
		if (finished || closed) {
			throw new IllegalStateException("the speech session is finished");
		}
		if (length % 2 != 0) {
			throw new IllegalArgumentException("16-bit PCM has an even number of bytes");
		}
		if (Double.isNaN(base)) {
			base = Math.max(0, startSeconds);
		}
		bytes += length;
		try {
			if (recognizer.acceptWaveForm(pcm, length)) {
				add(recognizer.getResult());
			}
		}
		catch (RuntimeException ex) {
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "the speech recogniser failed", ex);
		}
	}

	@Override
	public Transcript finish() {
		if (!finished) {
			finished = true;
			add(recognizer.getFinalResult());
		}
		return new Transcript(segments, bytes / 2d / AudioSink.SAMPLE_RATE);
	}

	@Override
	public void close() {
		if (!closed) {
			closed = true;
			try {
				recognizer.close();
			}
			finally {
				release.run();
			}
		}
	}

	private void add(String json) {
		Result result = JSON.readValue(json, Result.class);
		if (result.result() == null || result.result().isEmpty()) {
			return;
		}
		double offset = Double.isNaN(base) ? 0 : base;
		List<Transcript.Word> words = result.result()
			.stream()
			.map(w -> new Transcript.Word(w.word(), offset + w.start(), offset + w.end(), w.conf()))
			.toList();
		String text = String.join(" ", words.stream().map(Transcript.Word::text).toList());
		segments.add(new Transcript.Segment(text, words.get(0).startSeconds(), words.get(words.size() - 1).endSeconds(),
				words));
	}

	/** Vosk's JSON result with words on */
	record Result(List<Word> result, String text) {
	}

	record Word(String word, double start, double end, double conf) {
	}

}
