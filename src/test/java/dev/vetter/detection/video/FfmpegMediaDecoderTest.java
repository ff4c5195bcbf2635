package dev.vetter.detection.video;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vetter.detection.FrameFingerprint;
import dev.vetter.detection.VideoSampling;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaFixtures;
import dev.vetter.detection.MediaFixtures.Codec;
import dev.vetter.detection.MediaInfo;
import dev.vetter.detection.MediaPass;
import dev.vetter.detection.MediaProgress;
import dev.vetter.detection.MediaProperties;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.NearDuplicateFrames;
import dev.vetter.detection.VideoFrame;
import dev.vetter.detection.WorkControl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FfmpegMediaDecoderTest {

	@TempDir
	static Path dir;

	/** 10 s, 320×240, 10 fps, H.264 + AAC 440 Hz tone at 44.1 kHz */
	static Path h264;

	/** 20 s, 320×240, 5 fps, MPEG-4, no audio */
	static Path mpeg4;

	/** maxConcurrentDecodes 1: a permit leaked by a failure would hang the next test */
	final FfmpegMediaDecoder decoder = new FfmpegMediaDecoder(
			new MediaProperties(Duration.ofHours(2), 33_177_600L, 1, 1, null, Path.of("var", "models")));

	@BeforeAll
	static void makeVideos() {
		h264 = MediaFixtures.video(dir.resolve("ten.mp4"), 10, 10, 320, 240, Codec.H264,
				MediaFixtures.tone(440, 10, 44_100));
		mpeg4 = MediaFixtures.video(dir.resolve("twenty.mp4"), 20, 5, 320, 240, Codec.MPEG4, null);
	}

	@Test
	void probeReadsTheHeaders() {
		MediaInfo info = decoder.probe(h264);
		assertThat(info.format()).contains("mp4");
		assertThat(info.durationSeconds()).isCloseTo(10, within(0.2));
		assertThat(info.video().codec()).isEqualTo("h264");
		assertThat(info.video().width()).isEqualTo(320);
		assertThat(info.video().height()).isEqualTo(240);
		assertThat(info.audio().codec()).isEqualTo("aac");
	}

	@Test
	void takesOneFramePerSecondShowingThatSecondsContent() {
		List<VideoFrame> frames = new ArrayList<>();
		List<MediaProgress> progress = new ArrayList<>();
		MediaPass pass = decoder.decode(h264, VideoSampling.DEFAULT, frames::add, null,
				WorkControl.unbounded().withProgress(progress::add));

		assertThat(pass.framesDelivered()).isEqualTo(10);
		assertThat(pass.cancelled()).isFalse();
		assertThat(frames).hasSize(10);
		for (int k = 0; k < 10; k++) {
			VideoFrame frame = frames.get(k);
			assertThat(frame.index()).isEqualTo(k);
			assertThat(frame.offsetSeconds()).isCloseTo(k, within(0.06));
			assertThat(frame.image().getWidth()).isEqualTo(320);
			assertThat(MediaFixtures.secondShownBy(frame.image(), 10)).as("content of frame at second %d", k)
				.isEqualTo(k);
		}
		// each frame is its own image, not a buffer reused by the converter
		assertThat(frames.get(0).image()).isNotSameAs(frames.get(1).image());
		assertThat(progress).isNotEmpty();
		assertThat(progress.get(progress.size() - 1).framesDone()).isEqualTo(10);
		assertThat(progress.get(progress.size() - 1).framesTotal()).isEqualTo(10);
	}

	@Test
	void honoursTheInterval() {
		List<VideoFrame> frames = new ArrayList<>();
		decoder.decode(mpeg4, new VideoSampling(3, 200), frames::add, null, WorkControl.unbounded());

		assertThat(frames).extracting(VideoFrame::offsetSeconds)
			.satisfiesExactly(t -> assertThat(t).isCloseTo(0, within(0.11)),
					t -> assertThat(t).isCloseTo(3, within(0.11)), t -> assertThat(t).isCloseTo(6, within(0.11)),
					t -> assertThat(t).isCloseTo(9, within(0.11)), t -> assertThat(t).isCloseTo(12, within(0.11)),
					t -> assertThat(t).isCloseTo(15, within(0.11)), t -> assertThat(t).isCloseTo(18, within(0.11)));
		assertThat(frames).extracting(f -> MediaFixtures.secondShownBy(f.image(), 20))
			.containsExactly(0, 3, 6, 9, 12, 15, 18);
	}

	@Test
	void stopsAtMaxFrames() {
		List<VideoFrame> frames = new ArrayList<>();
		MediaPass pass = decoder.decode(mpeg4, new VideoSampling(2, 5), frames::add, null, WorkControl.unbounded());

		assertThat(pass.framesDelivered()).isEqualTo(5);
		assertThat(frames).extracting(f -> MediaFixtures.secondShownBy(f.image(), 20)).containsExactly(0, 2, 4, 6, 8);
	}

	@Test
	void resamplesAudioTo16kHzMono() {
		AtomicLong bytes = new AtomicLong();
		AtomicLong zeroCrossings = new AtomicLong();
		short[] previous = { 0 };
		MediaPass pass = decoder.decode(h264, VideoSampling.DEFAULT, null, (pcm, length, start) -> {
			bytes.addAndGet(length);
			for (int i = 0; i + 1 < length; i += 2) {
				short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
				if ((s >= 0) != (previous[0] >= 0)) {
					zeroCrossings.incrementAndGet();
				}
				previous[0] = s;
			}
		}, WorkControl.unbounded());

		double seconds = bytes.get() / 2 / 16_000d;
		assertThat(seconds).isCloseTo(10, within(0.15));
		assertThat(pass.audioSeconds()).isCloseTo(seconds, within(0.001));
		// a 440 Hz tone crosses zero 880 times a second, whatever the sample rate
		assertThat(zeroCrossings.get() / seconds).isCloseTo(880, within(15d));
		assertThat(pass.framesDelivered()).isZero();
	}

	@Test
	void decodesFramesAndAudioInOnePass() {
		List<VideoFrame> frames = new ArrayList<>();
		AtomicLong bytes = new AtomicLong();
		MediaPass pass = decoder.decode(h264, new VideoSampling(2, 200), frames::add,
				(pcm, length, start) -> bytes.addAndGet(length), WorkControl.unbounded());

		assertThat(frames).hasSize(5);
		assertThat(pass.audioSeconds()).isCloseTo(10, within(0.15));
	}

	@Test
	void stopsPromptlyWhenCancelled() {
		AtomicBoolean cancelled = new AtomicBoolean();
		List<VideoFrame> frames = new ArrayList<>();
		MediaPass pass = decoder.decode(mpeg4, VideoSampling.DEFAULT, frame -> {
			frames.add(frame);
			if (frames.size() == 3) {
				cancelled.set(true);
			}
		}, (pcm, length, start) -> {
		}, WorkControl.cancelledBy(cancelled::get));

		assertThat(pass.cancelled()).isTrue();
		assertThat(frames).hasSizeBetween(3, 4);
		assertThat(pass.framesDelivered()).isEqualTo(frames.size());
	}

	@Test
	void failsWithTimeoutPastTheDeadline() {
		// a clock that moves one second each time it is read; the deadline is 5 s away
		AtomicLong reads = new AtomicLong();
		Clock ticking = new Clock() {
			@Override
			public Instant instant() {
				return Instant.EPOCH.plusSeconds(reads.getAndIncrement());
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}
		};
		AtomicInteger frames = new AtomicInteger();
		WorkControl control = new WorkControl(() -> false, ticking, Instant.EPOCH.plusSeconds(5), p -> {
		});

		assertThatThrownBy(
				() -> decoder.decode(mpeg4, VideoSampling.DEFAULT, f -> frames.incrementAndGet(), null, control))
			.isInstanceOfSatisfying(MediaRejected.class,
					ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.TIMEOUT));
		assertThat(frames.get()).isLessThan(20);
	}

	@Test
	void refusesMediaLongerThanTheCapBeforeDecodingIt() {
		FfmpegMediaDecoder capped = new FfmpegMediaDecoder(
				MediaProperties.defaults().withMaxDuration(Duration.ofSeconds(5)));
		AtomicInteger frames = new AtomicInteger();
		AtomicInteger audio = new AtomicInteger();

		assertThatThrownBy(() -> capped.decode(h264, VideoSampling.DEFAULT, f -> frames.incrementAndGet(),
				(pcm, length, start) -> audio.incrementAndGet(), WorkControl.unbounded()))
			.isInstanceOfSatisfying(MediaRejected.class,
					ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.TOO_LARGE));
		assertThat(frames.get()).isZero();
		assertThat(audio.get()).isZero();
		assertThatThrownBy(() -> capped.probe(h264)).isInstanceOf(MediaRejected.class);
	}

	@Test
	void refusesATextFile() throws IOException {
		Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a video\n".repeat(200));
		assertFailure(text, MediaFailure.BAD_FORMAT);
		Path noExtension = Files.writeString(dir.resolve("upload-1"), "this is not a video\n".repeat(200));
		assertFailure(noExtension, MediaFailure.BAD_FORMAT);
	}

	@Test
	void refusesAnEmptyFileAndAMissingOne() throws IOException {
		assertFailure(Files.createFile(dir.resolve("empty.mp4")), MediaFailure.BAD_FORMAT);
		assertFailure(dir.resolve("missing.mp4"), MediaFailure.BAD_FORMAT);
	}

	@Test
	void refusesATruncatedMp4() throws IOException {
		byte[] whole = Files.readAllBytes(h264);
		Path truncated = Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(whole, whole.length / 2));
		assertThatThrownBy(() -> decoder.decode(truncated, VideoSampling.DEFAULT, f -> {
		}, null, WorkControl.unbounded())).isInstanceOfSatisfying(MediaRejected.class,
				ex -> assertThat(ex.failure()).isIn(MediaFailure.BAD_FORMAT, MediaFailure.CATCH_FRAME_FAILED));
	}

	@Test
	void refusesRandomBytes() throws IOException {
		byte[] noise = new byte[64 * 1024];
		new java.util.Random(7).nextBytes(noise);
		assertFailure(Files.write(dir.resolve("noise.mp4"), noise), MediaFailure.BAD_FORMAT);
	}

	@Test
	void refusesPlaylistsThatWouldOpenOtherFiles() throws IOException {
		Path playlist = Files.writeString(dir.resolve("list.m3u8"),
				"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + h264.toAbsolutePath() + "\n#EXT-X-ENDLIST\n");
		assertFailure(playlist, MediaFailure.BAD_FORMAT);
		Path concat = Files.writeString(dir.resolve("list.ffconcat"),
				"ffconcat version 1.0\nfile '" + h264.toAbsolutePath() + "'\n");
		assertFailure(concat, MediaFailure.BAD_FORMAT);
	}

	@Test
	void aVideoTaskNeedsAVideoStream() throws IOException {
		Path wav = MediaFixtures.wav(dir.resolve("tone.wav"), MediaFixtures.tone(440, 1, 16_000));
		assertFailure(wav, MediaFailure.BAD_FORMAT);
		MediaPass audioOnly = decoder.decode(wav, VideoSampling.DEFAULT, null, (pcm, length, start) -> {
		}, WorkControl.unbounded());
		assertThat(audioOnly.audioSeconds()).isCloseTo(1, within(0.01));
	}

	@Test
	void hasAHookThatReusesResultsOfNearIdenticalFrames() {
		Path scenes = MediaFixtures.video(dir.resolve("scenes.mp4"), 6, 5, 320, 240, Codec.MPEG4, null,
				second -> second < 3 ? Color.RED : Color.BLUE);
		List<Integer> analysed = new ArrayList<>();
		List<int[]> repeated = new ArrayList<>();
		FrameFingerprint<Color> meanColour = new FrameFingerprint<>() {
			@Override
			public Color of(java.awt.image.BufferedImage image) {
				return MediaFixtures.meanColour(image, 8, 8, 48, 48);
			}

			@Override
			public int distance(Color a, Color b) {
				return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
						+ Math.abs(a.getBlue() - b.getBlue());
			}
		};
		decoder.decode(scenes, VideoSampling.DEFAULT,
				new NearDuplicateFrames<>(meanColour, 30, new NearDuplicateFrames.Receiver() {
					@Override
					public void analyse(VideoFrame frame) {
						analysed.add(frame.index());
					}

					@Override
					public void repeat(VideoFrame frame, int analysedIndex) {
						repeated.add(new int[] { frame.index(), analysedIndex });
					}
				}), null, WorkControl.unbounded());

		assertThat(analysed).containsExactly(0, 3);
		assertThat(repeated).extracting(r -> r[0] + "->" + r[1]).containsExactly("1->0", "2->0", "4->3", "5->3");
	}

	private void assertFailure(Path file, MediaFailure expected) {
		assertThatThrownBy(() -> decoder.decode(file, VideoSampling.DEFAULT, f -> {
		}, null, WorkControl.unbounded())).isInstanceOfSatisfying(MediaRejected.class,
				ex -> assertThat(ex.failure()).isEqualTo(expected));
	}

}
