package dev.vetter.detection.audio;

import java.util.Arrays;
import java.util.function.Consumer;

import dev.vetter.detection.AudioSink;

/**
 * Cuts a stream of 16 kHz mono 16-bit PCM into segments that separate recognisers can
 * hear in parallel. A segment ends at a pause: once it holds {@code minSeconds}, at the
 * first {@value #PAUSE_MILLIS} ms that are quieter than {@link #SILENCE_RMS}; failing
 * that, when it reaches {@code maxSeconds}, at its quietest {@value #PAUSE_MILLIS} ms
 * after {@code minSeconds}. Cutting in a pause keeps words whole. A segment that is
 * silent from end to end is dropped (counted, never heard): there is nothing to recognise
 * in it.
 */
final class SpeechSegmenter {

	/** a span of audio from {@code startSeconds} after the first sample */
	record Segment(byte[] pcm, int length, double startSeconds) {

		double seconds() {
			return length / 2d / AudioSink.SAMPLE_RATE;
		}

	}

	/** samples per energy frame: 10 ms */
	static final int FRAME = AudioSink.SAMPLE_RATE / 100;

	/** the shortest pause a segment is cut in */
	static final int PAUSE_MILLIS = 300;

	private static final int PAUSE_FRAMES = PAUSE_MILLIS / 10;

	/**
	 * RMS amplitude (of 32,768) under which a frame counts as silence: about −50 dBFS,
	 * well under speech and under the noise floor of ordinary recordings' pauses
	 */
	static final double SILENCE_RMS = 100;

	private static final double SILENCE_ENERGY = SILENCE_RMS * SILENCE_RMS * FRAME;

	private final int minFrames;

	private final int maxFrames;

	private final Consumer<Segment> out;

	/** the current segment's samples, as bytes */
	private byte[] pcm = new byte[0];

	private int length;

	/** sum of squares per complete 10 ms frame of the current segment */
	private double[] energies = new double[0];

	private int frames;

	private double partialEnergy;

	private int partialSamples;

	/** frames of the current segment counted as silent */
	private int silentFrames;

	/** the start of the current segment, in samples from the first one */
	private long start;

	private long droppedSamples;

	SpeechSegmenter(double minSeconds, double maxSeconds, Consumer<Segment> out) {
		if (minSeconds <= PAUSE_MILLIS / 1000d || maxSeconds < minSeconds + PAUSE_MILLIS / 1000d) {
			throw new IllegalArgumentException("need " + PAUSE_MILLIS + " ms < min < max - " + PAUSE_MILLIS + " ms");
		}
		this.minFrames = (int) Math.round(minSeconds * 100);
		this.maxFrames = (int) Math.round(maxSeconds * 100);
		this.out = out;
	}

	/** adds little-endian 16-bit samples; may emit segments */
	void accept(byte[] bytes, int count) {
		int at = 0;
		while (at + 1 < count) {
			// copy up to the end of the current energy frame, then account for it
			int samples = Math.min((count - at) / 2, FRAME - partialSamples);
			ensure(length + samples * 2);
			System.arraycopy(bytes, at, pcm, length, samples * 2);
			for (int i = 0; i < samples; i++) {
				int s = (short) ((bytes[at + 2 * i] & 0xff) | (bytes[at + 2 * i + 1] << 8));
				partialEnergy += (double) s * s;
			}
			length += samples * 2;
			at += samples * 2;
			partialSamples += samples;
			if (partialSamples == FRAME) {
				frameDone();
			}
		}
	}

	/** emits what is left (unless silent) */
	void finish() {
		if (length > 0) {
			emit(length / 2);
		}
	}

	/** seconds of audio dropped as silence */
	double droppedSeconds() {
		return droppedSamples / (double) AudioSink.SAMPLE_RATE;
	}

	private void frameDone() {
		if (frames == energies.length) {
			energies = Arrays.copyOf(energies, Math.max(256, frames * 2));
		}
		energies[frames++] = partialEnergy;
		if (partialEnergy < SILENCE_ENERGY) {
			silentFrames++;
		}
		partialEnergy = 0;
		partialSamples = 0;
		if (frames >= minFrames + PAUSE_FRAMES && quiet(frames - PAUSE_FRAMES)) {
			cutAfterPauseStarting(frames - PAUSE_FRAMES);
		}
		else if (frames >= maxFrames) {
			cutAfterPauseStarting(quietest());
		}
	}

	/**
	 * the pause of {@code PAUSE_FRAMES} starting at {@code first} is silent throughout
	 */
	private boolean quiet(int first) {
		for (int f = first; f < first + PAUSE_FRAMES; f++) {
			if (energies[f] >= SILENCE_ENERGY) {
				return false;
			}
		}
		return true;
	}

	/** the first frame of the quietest pause-long window after {@code minFrames} */
	private int quietest() {
		double sum = 0;
		int from = minFrames;
		for (int f = from; f < from + PAUSE_FRAMES; f++) {
			sum += energies[f];
		}
		double best = sum;
		int bestFirst = from;
		for (int first = from + 1; first + PAUSE_FRAMES <= frames; first++) {
			sum += energies[first + PAUSE_FRAMES - 1] - energies[first - 1];
			if (sum < best) {
				best = sum;
				bestFirst = first;
			}
		}
		return bestFirst;
	}

	/** cuts in the middle of the pause that starts at frame {@code first} */
	private void cutAfterPauseStarting(int first) {
		int cutFrame = first + PAUSE_FRAMES / 2;
		int keepSamples = cutFrame * FRAME;
		int restBytes = length - keepSamples * 2;
		byte[] rest = Arrays.copyOfRange(pcm, keepSamples * 2, length);
		double[] restEnergies = Arrays.copyOfRange(energies, cutFrame, frames);
		int restSilent = 0;
		for (double e : restEnergies) {
			if (e < SILENCE_ENERGY) {
				restSilent++;
			}
		}
		silentFrames -= restSilent;
		emit(keepSamples);
		// the rest (the second half of the pause and anything after it) starts the next
		// segment; the partial frame's energy is still pending
		pcm = Arrays.copyOf(rest, Math.max(rest.length, 1 << 16));
		length = restBytes;
		energies = Arrays.copyOf(restEnergies, Math.max(256, restEnergies.length * 2));
		frames = restEnergies.length;
		silentFrames = restSilent;
	}

	private void emit(int samples) {
		int completeFrames = samples / FRAME;
		boolean silent = samples % FRAME == 0 ? silentFrames == completeFrames
				: silentFrames == completeFrames && partialEnergy < SILENCE_ENERGY * partialSamples / FRAME;
		if (silent) {
			droppedSamples += samples;
		}
		else {
			out.accept(
					new Segment(Arrays.copyOf(pcm, samples * 2), samples * 2, start / (double) AudioSink.SAMPLE_RATE));
		}
		start += samples;
		length = 0;
		frames = 0;
		silentFrames = 0;
	}

	private void ensure(int capacity) {
		if (pcm.length < capacity) {
			pcm = Arrays.copyOf(pcm, Math.max(capacity, Math.max(1 << 16, pcm.length * 2)));
		}
	}

}
