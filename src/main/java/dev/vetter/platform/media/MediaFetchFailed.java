package dev.vetter.platform.media;

/**
 * Media could not be fetched or taken from an upload. The message is fit for the tenant
 * (it names the URL's problem, never our internals).
 */
public class MediaFetchFailed extends Exception {

	private final FetchFailure reason;

	public MediaFetchFailed(FetchFailure reason, String message) {
		super(message);
		this.reason = reason;
	}

	public FetchFailure reason() {
		return reason;
	}

	/** Alibaba Green code of the failure (480, 589, 590, 592). */
	public int greenCode() {
		return reason.greenCode();
	}

}
