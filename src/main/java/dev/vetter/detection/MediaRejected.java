package dev.vetter.detection;

/**
 * A video or audio file could not be processed, for the stated {@link MediaFailure}. The
 * message is safe to show to the client (no paths, no native stack).
 */
public class MediaRejected extends RuntimeException {

	private final MediaFailure failure;

	public MediaRejected(MediaFailure failure, String message) {
		super(message);
		this.failure = failure;
	}

	public MediaRejected(MediaFailure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
	}

	public MediaFailure failure() {
		return failure;
	}

}
