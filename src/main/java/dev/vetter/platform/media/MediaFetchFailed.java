package dev.vetter.platform.media;

/**
 * Media could not be fetched or taken from an upload. The message is fit for the tenant
 * (it names the URL's problem, never our internals).
 */
public class MediaFetchFailed extends Exception {

	private final FetchFailure reason;

	private final boolean retryable;

	public MediaFetchFailed(FetchFailure reason, String message) {
		this(reason, message, false);
	}

	/**
	 * @param retryable whether a later try may succeed (a timeout, a connection error,
	 * HTTP 5xx or 429), as opposed to an answer that will not change (4xx, too large, bad
	 * format, refused)
	 */
	public MediaFetchFailed(FetchFailure reason, String message, boolean retryable) {
		super(message);
		this.reason = reason;
		this.retryable = retryable;
	}

	/** Whether fetching again later may succeed. */
	public boolean retryable() {
		return retryable;
	}

	public FetchFailure reason() {
		return reason;
	}

	/** Alibaba Green code of the failure (480, 589, 590, 592). */
	public int greenCode() {
		return reason.greenCode();
	}

}
