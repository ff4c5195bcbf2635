package dev.vetter.detection.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpeechSegmenterTest {

	static final int RATE = 16_000;

	/** loud noise ("speech"), silence where {@code quiet} says, per 10 ms */
	static byte[] audio(double seconds, double amplitude, double[]... quiet) {
		Random random = new Random(7);
		int n = (int) Math.round(seconds * RATE);
		ByteBuffer out = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < n; i++) {
			double t = i / (double) RATE;
			double a = amplitude;
			for (double[] q : quiet) {
				if (t >= q[0] && t < q[1]) {
					a = q.length > 2 ? q[2] : 0;
				}
			}
			out.putShort((short) Math.round(random.nextGaussian() * a));
		}
		return out.array();
	}

	static List<SpeechSegmenter.Segment> segments(byte[] pcm, int chunk) {
		List<SpeechSegmenter.Segment> out = new ArrayList<>();
		SpeechSegmenter segmenter = new SpeechSegmenter(8, 20, out::add);
		for (int at = 0; at < pcm.length; at += chunk) {
			byte[] part = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + chunk));
			segmenter.accept(part, part.length);
		}
		segmenter.finish();
		return out;
	}

	@Test
	void cutsInTheFirstPauseAfterTheMinimumLength() {
		// pauses at 3 s (too early) and at 9.0–9.6 s
		byte[] pcm = audio(14, 3000, new double[] { 3, 3.6 }, new double[] { 9, 9.6 });
		List<SpeechSegmenter.Segment> segments = segments(pcm, 2048);

		assertThat(segments).hasSize(2);
		assertThat(segments.get(0).startSeconds()).isZero();
		// the pause is seen once 300 ms of it passed; the cut is in its middle
		assertThat(segments.get(0).seconds()).isBetween(9.1, 9.3);
		assertThat(segments.get(1).startSeconds()).isCloseTo(segments.get(0).seconds(), within(1e-9));
		assertThat(segments.get(0).seconds() + segments.get(1).seconds()).isCloseTo(14, within(1e-9));
		// the samples are the input's, in order
		byte[] joined = new byte[pcm.length];
		System.arraycopy(segments.get(0).pcm(), 0, joined, 0, segments.get(0).length());
		System.arraycopy(segments.get(1).pcm(), 0, joined, segments.get(0).length(), segments.get(1).length());
		assertThat(joined).isEqualTo(pcm);
	}

	@Test
	void withoutAPauseCutsAtTheQuietestMomentBeforeTheMaximum() {
		// no silence anywhere, but a softer stretch at 13 s
		byte[] pcm = audio(30, 3000, new double[] { 13, 13.4, 600 });
		List<SpeechSegmenter.Segment> segments = segments(pcm, 3333 * 2);

		assertThat(segments).hasSize(2);
		assertThat(segments.get(0).seconds()).isBetween(13.0, 13.4);
		assertThat(segments.get(0).seconds() + segments.get(1).seconds()).isCloseTo(30, within(1e-9));
	}

	@Test
	void everySegmentStaysUnderTheMaximum() {
		byte[] pcm = audio(65, 3000);
		List<SpeechSegmenter.Segment> segments = segments(pcm, 1024 * 2);

		assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
		assertThat(segments).allSatisfy(s -> assertThat(s.seconds()).isLessThanOrEqualTo(20));
		assertThat(segments.stream().mapToDouble(SpeechSegmenter.Segment::seconds).sum()).isCloseTo(65, within(1e-9));
	}

	@Test
	void dropsSilentSegmentsButKeepsTheTimeOfWhatFollows() {
		// 12 s of silence (one segment, dropped), then speech
		byte[] pcm = audio(16, 3000, new double[] { 0, 12 });
		List<SpeechSegmenter.Segment> out = new ArrayList<>();
		SpeechSegmenter segmenter = new SpeechSegmenter(8, 20, out::add);
		segmenter.accept(pcm, pcm.length);
		segmenter.finish();

		assertThat(out).hasSize(1);
		assertThat(out.get(0).startSeconds()).isCloseTo(8.15, within(0.01));
		assertThat(segmenter.droppedSeconds()).isCloseTo(8.15, within(0.01));
		assertThat(out.get(0).startSeconds() + out.get(0).seconds()).isCloseTo(16, within(1e-9));
	}

	@Test
	void theChunkSizeDoesNotChangeTheCuts() {
		byte[] pcm = audio(50, 2500, new double[] { 10, 10.5 }, new double[] { 21, 22 }, new double[] { 33, 33.35 });
		List<Double> reference = segments(pcm, pcm.length).stream().map(SpeechSegmenter.Segment::startSeconds).toList();
		for (int chunk : new int[] { 2, 98, 2048, 4097 * 2 }) {
			assertThat(segments(pcm, chunk).stream().map(SpeechSegmenter.Segment::startSeconds).toList())
				.as("chunk %d", chunk)
				.isEqualTo(reference);
		}
		assertThat(reference).hasSize(4);
	}

}
