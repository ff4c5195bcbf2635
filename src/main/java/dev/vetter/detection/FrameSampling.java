package dev.vetter.detection;

/**
 * Which frames of an animated image (GIF) are decoded: frames {@code 0, interval,
 * 2*interval, ...}, at most {@code maxFrames} of them (Green's task fields of the same
 * names). Still images always give their one frame.
 *
 * @param interval frame step, at least 1
 * @param maxFrames frames returned at most, at least 1
 */
public record FrameSampling(int interval, int maxFrames) {

	/** Green's defaults: the first frame only. */
	public static final FrameSampling FIRST_FRAME = new FrameSampling(1, 1);

	public FrameSampling {
		if (interval < 1) {
			throw new IllegalArgumentException("interval must be at least 1, was " + interval);
		}
		if (maxFrames < 1) {
			throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
		}
	}

}
