package dev.vetter.detection;

/**
 * Why a video or audio file could not be processed. Stable names; {@code greenCode} is
 * the Alibaba Green API 1.0 code the adapters report for a task that failed this way.
 */
public enum MediaFailure {

	/** not a container FFmpeg can open, no usable stream, or corrupt headers */
	BAD_FORMAT("bad-format", 590),

	/**
	 * the container opened but no frame could be decoded (corrupt or truncated stream)
	 */
	CATCH_FRAME_FAILED("catch-frame-failed", 595),

	/** longer than the configured duration cap, or frames larger than the pixel cap */
	TOO_LARGE("too-large", 589),

	/** the job's time limit ran out */
	TIMEOUT("timeout", 581),

	/** the speech model could not be loaded or the recogniser failed */
	ALGO_FAILED("algo-failed", 586);

	private final String code;

	private final int greenCode;

	MediaFailure(String code, int greenCode) {
		this.code = code;
		this.greenCode = greenCode;
	}

	public String code() {
		return code;
	}

	public int greenCode() {
		return greenCode;
	}

}
