package dev.vetter.detection;

/**
 * Which frames of a video are looked at: one every {@code intervalSeconds}, starting at 0
 * s, at most {@code maxFrames}. Limits as Alibaba's video API: interval 1–600 s (default
 * 1), maxFrames 5–3,600 (default 200).
 */
public record VideoSampling(int intervalSeconds, int maxFrames) {

	public static final int MIN_INTERVAL = 1;

	public static final int MAX_INTERVAL = 600;

	public static final int MIN_FRAMES = 5;

	public static final int MAX_FRAMES = 3600;

	public static final VideoSampling DEFAULT = new VideoSampling(1, 200);

	public VideoSampling {
		if (intervalSeconds < MIN_INTERVAL || intervalSeconds > MAX_INTERVAL) {
			throw new IllegalArgumentException(
					"interval must be " + MIN_INTERVAL + "–" + MAX_INTERVAL + " seconds, was " + intervalSeconds);
		}
		if (maxFrames < MIN_FRAMES || maxFrames > MAX_FRAMES) {
			throw new IllegalArgumentException(
					"maxFrames must be " + MIN_FRAMES + "–" + MAX_FRAMES + ", was " + maxFrames);
		}
	}

	/** the offset of the n-th sampled frame (0-based) */
	public double offsetOf(int n) {
		return (double) n * intervalSeconds;
	}

	/**
	 * how many frames a video of this duration yields; 0 duration (unknown) gives
	 * maxFrames
	 */
	public int expectedFrames(double durationSeconds) {
		if (durationSeconds <= 0) {
			return maxFrames;
		}
		long n = (long) Math.ceil(durationSeconds / intervalSeconds - 1e-9);
		return (int) Math.max(1, Math.min(maxFrames, n));
	}

}
