package dev.vetter.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vetter.detection.MediaFixtures.Codec;
import dev.vetter.detection.audio.VoskSpeechRecognizer;
import dev.vetter.detection.video.FfmpegMediaDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame extraction of a generated 60 s 1280×720 H.264 video (25 fps, AAC speech track) at
 * interval 1, audio decode to 16 kHz, and Vosk on a ~65 s speech track (the committed
 * espeak-ng fixtures, five times over), on one speech thread and on the default two. Each
 * row is the median of {@code bench.runs} (default 3) runs after one warm-up. Run:
 * {@code bench/media/run.sh}. Prints a markdown table.
 */
@Tag("bench")
class MediaBenchmark {

	/** measured runs per row ({@code -Dbench.runs}) */
	static final int RUNS = Integer.getInteger("bench.runs", 3);

	@TempDir
	Path dir;

	@Test
	void run() {
		MediaProperties properties = MediaProperties.defaults().withModelCacheDir(dir.resolve("models"));
		FfmpegMediaDecoder decoder = new FfmpegMediaDecoder(properties);
		VoskSpeechRecognizer speech = new VoskSpeechRecognizer(decoder, properties);
		// the same model on one speech thread: segments heard one after another, as one
		// recogniser per job did before segmenting
		MediaProperties oneThread = new MediaProperties(properties.maxDuration(), properties.maxPixels(),
				properties.maxConcurrentDecodes(), 1, properties.speechModel(), properties.modelCacheDir());
		VoskSpeechRecognizer serial = new VoskSpeechRecognizer(decoder, oneThread);

		MediaFixtures.Pcm clip = MediaFixtures.speech("all");
		MediaFixtures.Pcm track = MediaFixtures.concat(0.5, clip, clip, clip, clip, clip);
		Path wav = MediaFixtures.wav(dir.resolve("speech-60s.wav"), track);
		long started = System.nanoTime();
		// the video keeps the first 60 s of the speech track
		Path video = MediaFixtures.video(dir.resolve("720p-60s.mp4"), 60, 25, 1280, 720, Codec.H264, track);
		double encodeSeconds = seconds(started);
		long loadStarted = System.nanoTime();
		speech.transcribe(wav, WorkControl.unbounded());
		double firstUseSeconds = seconds(loadStarted);

		List<String> rows = new ArrayList<>();
		double mediaSeconds = decoder.probe(video).durationSeconds();

		rows.add(row("frames, interval 1 (60 frames of 1280×720)", mediaSeconds, () -> {
			MediaPass pass = decoder.decode(video, VideoSampling.DEFAULT, frame -> {
			}, null, WorkControl.unbounded());
			assertThat(pass.framesDelivered()).isEqualTo(60);
			return pass.framesDelivered() + " frames";
		}));
		rows.add(row("frames, interval 5 (12 frames)", mediaSeconds, () -> {
			MediaPass pass = decoder.decode(video, new VideoSampling(5, 200), frame -> {
			}, null, WorkControl.unbounded());
			return pass.framesDelivered() + " frames";
		}));
		rows.add(row("audio track to 16 kHz mono (no frames)", mediaSeconds, () -> {
			AtomicLong bytes = new AtomicLong();
			decoder.decode(video, VideoSampling.DEFAULT, null, (pcm, length, start) -> bytes.addAndGet(length),
					WorkControl.unbounded());
			return String.format(Locale.ROOT, "%.1f s audio", bytes.get() / 32_000d);
		}));
		rows.add(row("WAV decode + Vosk, 1 speech thread (≈65 s speech)", track.seconds(), () -> {
			Transcript transcript = serial.transcribe(wav, WorkControl.unbounded());
			assertThat(transcript.text()).contains("password");
			return transcript.words().size() + " words";
		}));
		rows.add(row("WAV decode + Vosk, " + properties.maxConcurrentRecognizers() + " speech threads", track.seconds(),
				() -> {
					Transcript transcript = speech.transcribe(wav, WorkControl.unbounded());
					assertThat(transcript.text()).contains("password");
					return transcript.words().size() + " words";
				}));
		rows.add(row(
				"video: frames + audio + Vosk, one pass, " + properties.maxConcurrentRecognizers() + " speech threads",
				mediaSeconds, () -> {
					try (SpeechSession session = speech.open(WorkControl.unbounded())) {
						MediaPass pass = decoder.decode(video, VideoSampling.DEFAULT, frame -> {
						}, session, WorkControl.unbounded());
						return pass.framesDelivered() + " frames, " + session.finish().words().size() + " words";
					}
				}));

		StringBuilder table = new StringBuilder();
		table.append("\n| pass | media s | median wall s | × real time | result |\n");
		table.append("|---|---:|---:|---:|---|\n");
		rows.forEach(table::append);
		table.append(String.format(Locale.ROOT,
				"\nfixture encode (60 s 720p H.264 + AAC): %.1f s; first speech use (model load + 60 s): %.1f s; "
						+ "cores: %d; java %s\n",
				encodeSeconds, firstUseSeconds, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version")));
		System.out.println(table);
		try {
			Files.writeString(Path.of("target", "media-benchmark.md"), table);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		speech.close();
		serial.close();
	}

	private static String row(String name, double mediaSeconds, Supplier<String> pass) {
		pass.get();
		double[] times = new double[RUNS];
		String result = "";
		for (int i = 0; i < RUNS; i++) {
			long started = System.nanoTime();
			result = pass.get();
			times[i] = seconds(started);
		}
		Arrays.sort(times);
		double median = times[RUNS / 2];
		return String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %s |%n", name, mediaSeconds, median,
				mediaSeconds / median, result);
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

}
