package dev.vetter.platform.media;

/**
 * Why media could not be taken in, with the Alibaba Green code each maps to (the native
 * API and the Green adapter map these; a per-task failure carries the code and the
 * message).
 */
public enum FetchFailure {

	/** DNS failure, connection refused, HTTP status >= 400, redirect loop, empty body. */
	DOWNLOAD_FAILED(480),
	/** The URL or an address it resolves to (or a redirect) is not allowed (SSRF). */
	REFUSED(480),
	/** Not complete within the kind's download deadline. */
	TIMEOUT(592),
	/** Larger than the kind's size cap. */
	TOO_LARGE(589),
	/** The bytes are not a format the kind accepts. */
	BAD_FORMAT(590);

	private final int greenCode;

	FetchFailure(int greenCode) {
		this.greenCode = greenCode;
	}

	public int greenCode() {
		return greenCode;
	}

}
