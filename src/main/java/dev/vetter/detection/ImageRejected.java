package dev.vetter.detection;

/**
 * The bytes given to the {@link ImageDecoder} are not an image it accepts. Every failure
 * to decode ends here (never in an {@code OutOfMemoryError} or a plugin's own exception),
 * with a {@link Reason} that an adapter maps to its error code.
 */
public class ImageRejected extends RuntimeException {

	private final Reason reason;

	public ImageRejected(Reason reason, String message) {
		this(reason, message, null);
	}

	public ImageRejected(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	/**
	 * Why an image was refused. Green API 1.0 task codes: {@link #TOO_LARGE} is 589
	 * (TOO_LARGE), every other reason is 590 (BAD_FORMAT).
	 */
	public enum Reason {

		/** zero bytes */
		EMPTY,
		/** the bytes start with no magic number of a supported format */
		UNSUPPORTED_FORMAT,
		/** the header declares more pixels, or a longer side, than the limits allow */
		TOO_LARGE,
		/** a supported format whose data is truncated or broken */
		CORRUPT

	}

}
