package dev.vetter.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL whose host was resolved once and whose every address passed the guard. Connect to
 * one of {@code addresses} (never resolve {@code host} again), and send
 * {@code hostHeader} as the HTTP Host.
 *
 * @param uri the checked URL
 * @param host host name (or literal address without brackets), for TLS SNI and
 * certificate checks
 * @param port explicit or default port
 * @param https whether TLS is needed
 * @param addresses every address the host resolved to, all permitted
 */
public record ResolvedTarget(URI uri, String host, int port, boolean https, List<InetAddress> addresses) {

	public ResolvedTarget {
		addresses = List.copyOf(addresses);
	}

	/** The Host header value: host plus the port when it is not the scheme's default. */
	public String hostHeader() {
		String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
		return (https && port == 443) || (!https && port == 80) ? h : h + ":" + port;
	}

	/** Path and query as sent on the request line. */
	public String requestTarget() {
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}
}
