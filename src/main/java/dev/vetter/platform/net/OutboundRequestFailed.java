package dev.vetter.platform.net;

import java.net.URI;

/**
 * An outbound request got no usable answer: the target was refused, did not resolve or
 * connect, took too long, sent too much, or redirected in circles. Checked, so every
 * caller decides what a failure means for it (retry a callback, code 480/589/592 for a
 * media fetch).
 */
public class OutboundRequestFailed extends Exception {

	/** Why the request failed. */
	public enum Reason {

		/** The target guard refused the URL or an address it resolves to. */
		REFUSED,
		/** The host name does not resolve. */
		UNRESOLVED,
		/** No TCP (or TLS) connection could be made. */
		CONNECT_FAILED,
		/** A connect, read or total deadline passed. */
		TIMEOUT,
		/** The response body is larger than the caller's cap. */
		TOO_LARGE,
		/** A redirect came back to a URL already visited. */
		REDIRECT_LOOP,
		/** More redirects than the caller allows. */
		TOO_MANY_REDIRECTS,
		/** A redirect without a usable {@code Location}. */
		INVALID_REDIRECT,
		/** The connection broke or the peer did not speak HTTP. */
		CONNECTION_ERROR

	}

	private final Reason reason;

	private final URI uri;

	private final int status;

	private final boolean afterRedirect;

	public OutboundRequestFailed(Reason reason, String message, URI uri, int status, boolean afterRedirect) {
		super(message);
		this.reason = reason;
		this.uri = uri;
		this.status = status;
		this.afterRedirect = afterRedirect;
	}

	public Reason reason() {
		return reason;
	}

	/** The URL of the hop that failed. */
	public URI uri() {
		return uri;
	}

	/** The last HTTP status seen (redirect failures), 0 when none. */
	public int status() {
		return status;
	}

	/** Whether the failure happened on a redirect hop rather than the first request. */
	public boolean afterRedirect() {
		return afterRedirect;
	}

}
