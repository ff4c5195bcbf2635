package dev.vetter.detection;

import java.util.Objects;

/**
 * A {@link FrameSink} that fingerprints each frame and sends near-identical consecutive
 * frames (distance to the last <em>analysed</em> frame at most {@code maxDistance}) to
 * {@link Receiver#repeat} instead of {@link Receiver#analyse}, so the caller reuses the
 * earlier result instead of running the image detectors again. Comparing with the last
 * analysed frame (not the last frame) stops a slow fade from drifting unnoticed.
 *
 * @param <F> the fingerprint type
 */
public final class NearDuplicateFrames<F> implements FrameSink {

	/** the two outcomes for a frame */
	public interface Receiver {

		/** a new scene: run the detectors */
		void analyse(VideoFrame frame);

		/** looks like {@code analysedIndex}: reuse its result */
		void repeat(VideoFrame frame, int analysedIndex);

	}

	private final FrameFingerprint<F> fingerprint;

	private final int maxDistance;

	private final Receiver receiver;

	private F lastAnalysed;

	private int lastAnalysedIndex = -1;

	public NearDuplicateFrames(FrameFingerprint<F> fingerprint, int maxDistance, Receiver receiver) {
		if (maxDistance < 0) {
			throw new IllegalArgumentException("maxDistance must be >= 0");
		}
		this.fingerprint = Objects.requireNonNull(fingerprint);
		this.maxDistance = maxDistance;
		this.receiver = Objects.requireNonNull(receiver);
	}

	@Override
	public void accept(VideoFrame frame) {
		F current = fingerprint.of(frame.image());
		if (lastAnalysed != null && fingerprint.distance(lastAnalysed, current) <= maxDistance) {
			receiver.repeat(frame, lastAnalysedIndex);
			return;
		}
		lastAnalysed = current;
		lastAnalysedIndex = frame.index();
		receiver.analyse(frame);
	}

}
