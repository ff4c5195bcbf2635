package dev.vetter.platform.media;

import java.util.Locale;

import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.net.OutboundHttp;
import dev.vetter.platform.net.OutboundRequestFailed;

/**
 * Downloads media for scanning (images now, video and audio later), through the service's
 * one outbound client: http/https only, every address and redirect checked by the target
 * guard ({@code vetter.security.allow-private-targets}; metadata addresses always
 * refused), the kind's total deadline even against slow-drip servers, the kind's size cap
 * enforced while reading, the format sniffed from the bytes, and the bytes streamed into
 * the blob store.
 */
public final class MediaFetcher {

	private final OutboundHttp http;

	private final BlobStore blobs;

	private final MediaProperties properties;

	public MediaFetcher(OutboundHttp http, BlobStore blobs, MediaProperties properties) {
		this.http = http;
		this.blobs = blobs;
		this.properties = properties;
	}

	/**
	 * @throws MediaFetchFailed with the reason (480, 589, 590, 592) and a message for the
	 * tenant
	 */
	public FetchedMedia fetch(String url, MediaKind kind) throws MediaFetchFailed {
		MediaProperties.Limits limits = properties.limits(kind);
		OutboundHttp.Limits outbound = new OutboundHttp.Limits(properties.connectTimeout(), limits.timeout(),
				limits.timeout(), limits.maxBytes(), properties.maxRedirects());
		MediaIntake.Outcome outcome;
		int[] status = { 0 };
		try {
			outcome = http.exchange(OutboundHttp.Request.get(url, "media"), outbound, r -> {
				status[0] = r.status();
				if (r.status() < 200 || r.status() >= 300) {
					return new MediaIntake.Outcome(null, FetchFailure.DOWNLOAD_FAILED,
							"download failed: HTTP " + r.status());
				}
				return MediaIntake.store(r.body(), kind, blobs, r.uri().toString());
			});
		}
		catch (OutboundRequestFailed e) {
			throw failed(e, limits);
		}
		if (outcome.failure() != null) {
			throw new MediaFetchFailed(outcome.failure(), outcome.message(), status[0] >= 500 || status[0] == 429);
		}
		return outcome.media();
	}

	private static MediaFetchFailed failed(OutboundRequestFailed e, MediaProperties.Limits limits) {
		return switch (e.reason()) {
			case REFUSED -> new MediaFetchFailed(FetchFailure.REFUSED,
					(e.afterRedirect() ? "redirect refused: " : "URL refused: ") + e.getMessage());
			case TIMEOUT -> new MediaFetchFailed(FetchFailure.TIMEOUT,
					"download did not finish within " + limits.timeout().toMillis() + " ms", true);
			case TOO_LARGE ->
				new MediaFetchFailed(FetchFailure.TOO_LARGE, "the file is larger than " + limits.maxBytes() + " bytes");
			case REDIRECT_LOOP, TOO_MANY_REDIRECTS, INVALID_REDIRECT ->
				new MediaFetchFailed(FetchFailure.DOWNLOAD_FAILED, "download failed: " + e.getMessage());
			// a name that does not resolve is taken as final; a connection that failed
			// may work
			// later
			case UNRESOLVED -> new MediaFetchFailed(FetchFailure.DOWNLOAD_FAILED,
					"download failed: unresolved (" + e.getMessage() + ")");
			case CONNECT_FAILED,
					CONNECTION_ERROR ->
				new MediaFetchFailed(FetchFailure.DOWNLOAD_FAILED, "download failed: "
						+ e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + e.getMessage() + ")",
						true);
		};
	}

}
