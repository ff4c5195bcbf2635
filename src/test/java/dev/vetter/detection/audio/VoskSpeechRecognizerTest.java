package dev.vetter.detection.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vetter.detection.VideoSampling;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaFixtures;
import dev.vetter.detection.MediaFixtures.Codec;
import dev.vetter.detection.MediaPass;
import dev.vetter.detection.MediaProgress;
import dev.vetter.detection.MediaProperties;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.SpeechSession;
import dev.vetter.detection.Transcript;
import dev.vetter.detection.VideoFrame;
import dev.vetter.detection.WorkControl;
import dev.vetter.detection.video.FfmpegMediaDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Real Vosk with the bundled English model on speech made by espeak-ng (see
 * {@code src/test/resources/media/speech/README.md}). Synthetic speech is heard
 * imperfectly, so the tests check key words and timings, not exact transcripts.
 */
class VoskSpeechRecognizerTest {

	@TempDir
	static Path dir;

	static VoskSpeechRecognizer speech;

	@BeforeAll
	static void loadModelOnce() {
		MediaProperties properties = new MediaProperties(java.time.Duration.ofHours(2), 33_177_600L, 2, 1, null,
				dir.resolve("models"));
		speech = new VoskSpeechRecognizer(new FfmpegMediaDecoder(properties), properties);
		speech.model();
	}

	@Test
	void hearsTheThreat() {
		Transcript transcript = transcribe("threat");
		assertThat(transcript.text()).contains("kill").contains("you");
		assertTimed(transcript, 1.28);
	}

	@Test
	void hearsANumberReadAloudAsWords() {
		Transcript transcript = transcribe("phone");
		// espeak's "call me at" is heard as something else; the digits come through as
		// words
		assertThat(transcript.text()).contains("five five five").contains("nine");
		assertTimed(transcript, 3.76);
	}

	@Test
	void hearsThePhishingRequest() {
		Transcript transcript = transcribe("phishing");
		assertThat(transcript.text()).contains("password").contains("bank").contains("account");
		assertTimed(transcript, 3.45);
	}

	@Test
	void hearsTheWeather() {
		Transcript transcript = transcribe("weather");
		assertThat(transcript.text()).contains("today");
		assertTimed(transcript, 1.92);
	}

	@Test
	void placesWordsAtTheirTimeInALongerClip() {
		// threat 0–1.28 s, gap, phone 1.98–5.74, gap, phishing 6.44–9.89, gap, weather
		// 10.59–12.51
		Transcript transcript = transcribe("all");
		assertTimed(transcript, 12.52);
		assertThat(transcript.audioSeconds()).isCloseTo(12.51, within(0.05));
		assertThat(word(transcript, "kill").startSeconds()).isBetween(0.0, 1.28);
		assertThat(word(transcript, "five").startSeconds()).isBetween(1.9, 5.74);
		assertThat(word(transcript, "password").startSeconds()).isBetween(6.4, 9.89);
		assertThat(word(transcript, "today").startSeconds()).isBetween(10.5, 12.52);
		assertThat(transcript.segments()).allSatisfy(segment -> {
			assertThat(segment.text())
				.isEqualTo(String.join(" ", segment.words().stream().map(Transcript.Word::text).toList()));
			assertThat(segment.startSeconds()).isEqualTo(segment.words().get(0).startSeconds());
		});
	}

	@Test
	void transcribesTheAudioTrackOfAVideoInTheSamePassAsItsFrames() {
		MediaFixtures.Pcm track = MediaFixtures.speech("all");
		Path video = MediaFixtures.video(dir.resolve("talk.mp4"), 13, 5, 320, 240, Codec.H264, track);
		List<VideoFrame> frames = new ArrayList<>();
		FfmpegMediaDecoder decoder = new FfmpegMediaDecoder(MediaProperties.defaults());
		Transcript transcript;
		MediaPass pass;
		try (SpeechSession session = speech.open(WorkControl.unbounded())) {
			pass = decoder.decode(video, VideoSampling.DEFAULT, frames::add, session, WorkControl.unbounded());
			transcript = session.finish();
		}
		assertThat(frames).hasSize(13);
		assertThat(MediaFixtures.secondShownBy(frames.get(7).image(), 13)).isEqualTo(7);
		assertThat(pass.audioSeconds()).isCloseTo(12.5, within(0.2));
		assertThat(transcript.text()).contains("kill").contains("password");
		assertThat(word(transcript, "password").startSeconds()).isBetween(6.3, 10.0);
		assertTimed(transcript, 13);
	}

	@Test
	void stopsListeningWhenCancelled() {
		AtomicBoolean cancelled = new AtomicBoolean();
		List<MediaProgress> progress = new ArrayList<>();
		WorkControl control = WorkControl.cancelledBy(cancelled::get).withProgress(p -> {
			progress.add(p);
			if (p.audioSecondsDone() >= 3) {
				cancelled.set(true);
			}
		});
		Transcript transcript = speech.transcribe(clip("all"), control);

		assertThat(transcript.audioSeconds()).isBetween(3.0, 3.5);
		assertThat(transcript.text()).doesNotContain("password");
		assertThat(progress).isNotEmpty();
	}

	@Test
	void sessionsShareTheSpeechThreadsAndCancelledWorkHearsNothing() {
		// maxConcurrentRecognizers is 1: two sessions fed at once queue on the one speech
		// thread and each hears its own audio
		byte[] threat = bytes(MediaFixtures.speech("threat"));
		byte[] phishing = bytes(MediaFixtures.speech("phishing"));
		try (SpeechSession first = speech.open(WorkControl.unbounded());
				SpeechSession second = speech.open(WorkControl.unbounded())) {
			first.accept(threat, threat.length, 0);
			second.accept(phishing, phishing.length, 2.0);
			Transcript heardSecond = second.finish();
			Transcript heardFirst = first.finish();
			assertThat(heardFirst.text()).contains("kill").doesNotContain("password");
			assertThat(heardSecond.text()).contains("password").doesNotContain("kill");
			assertThat(word(heardSecond, "password").startSeconds()).isGreaterThan(2.0);
		}
		try (SpeechSession cancelled = speech.open(WorkControl.cancelledBy(() -> true))) {
			cancelled.accept(threat, threat.length, 0);
			assertThat(cancelled.finish().segments()).isEmpty();
		}
	}

	private static byte[] bytes(MediaFixtures.Pcm pcm) {
		java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(pcm.samples().length * 2)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		out.asShortBuffer().put(pcm.samples());
		return out.array();
	}

	@Test
	void refusesAFileWithoutSound() throws Exception {
		Path silentVideo = MediaFixtures.video(dir.resolve("silent.mp4"), 2, 5, 160, 120, Codec.MPEG4, null);
		assertThatThrownBy(() -> speech.transcribe(silentVideo, WorkControl.unbounded())).isInstanceOfSatisfying(
				MediaRejected.class, ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.BAD_FORMAT));
		Path text = java.nio.file.Files.writeString(dir.resolve("words.txt"), "hello");
		assertThatThrownBy(() -> speech.transcribe(text, WorkControl.unbounded())).isInstanceOfSatisfying(
				MediaRejected.class, ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.BAD_FORMAT));
		// the recogniser permit came back after both failures
		assertThat(speech.transcribe(clip("threat"), WorkControl.unbounded()).text()).contains("kill");
	}

	private static Transcript transcribe(String name) {
		return speech.transcribe(clip(name), WorkControl.unbounded());
	}

	private static Path clip(String name) {
		try {
			return Path.of(VoskSpeechRecognizerTest.class.getResource("/media/speech/" + name + ".wav").toURI());
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Transcript.Word word(Transcript transcript, String text) {
		return transcript.words()
			.stream()
			.filter(w -> w.text().equals(text))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no word '" + text + "' in: " + transcript.text()));
	}

	/** words in order, each with start < end, all inside the clip */
	private static void assertTimed(Transcript transcript, double clipSeconds) {
		List<Transcript.Word> words = transcript.words();
		assertThat(words).isNotEmpty();
		double previousEnd = 0;
		for (Transcript.Word word : words) {
			assertThat(word.startSeconds()).as("start of %s", word.text()).isGreaterThanOrEqualTo(previousEnd - 1e-6);
			assertThat(word.endSeconds()).as("end of %s", word.text()).isGreaterThan(word.startSeconds());
			assertThat(word.endSeconds()).as("end of %s", word.text()).isLessThanOrEqualTo(clipSeconds + 0.05);
			assertThat(word.confidence()).isBetween(0.0, 1.0);
			previousEnd = word.endSeconds();
		}
	}

}
