package dev.vetter.platform.net;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one outbound HTTP client ({@code vetter.net.*}), shared by callbacks and media
 * fetching. Each caller sets its own read and total deadlines and body cap per request;
 * these are the client-wide settings. Sized for a 2-core node: outbound work is I/O, so
 * the pool is larger than the core count, and one host never holds more than
 * {@code maxConnectionsPerHost} of it.
 *
 * @param connectTimeout TCP connect timeout per address, when a caller sets none
 * @param maxConnections connections open at once, all hosts together
 * @param maxConnectionsPerHost connections open at once to one scheme:host:port
 * @param idleTimeout pooled connections idle longer than this are closed
 * @param userAgent the {@code User-Agent} sent
 * @param trustStore a PKCS12 (or {@code trustStoreType}) file whose certificates are
 * trusted <em>instead of</em> the JVM's default trust; empty: the JVM default. For tests
 * and private CAs
 * @param trustStorePassword password of {@code trustStore}
 * @param trustStoreType key store type of {@code trustStore}
 */
@ConfigurationProperties("vetter.net")
public record OutboundHttpProperties(@DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("32") int maxConnections, @DefaultValue("8") int maxConnectionsPerHost,
		@DefaultValue("30s") Duration idleTimeout, @DefaultValue("Vetter/1.0") String userAgent,
		@DefaultValue("") String trustStore, @DefaultValue("") String trustStorePassword,
		@DefaultValue("PKCS12") String trustStoreType) {

	public OutboundHttpProperties {
		if (maxConnections < 1 || maxConnectionsPerHost < 1) {
			throw new IllegalArgumentException("vetter.net.max-connections and max-connections-per-host must be >= 1");
		}
	}

	/** The defaults, for code and tests that build a client without Spring. */
	public static OutboundHttpProperties defaults() {
		return new OutboundHttpProperties(Duration.ofSeconds(2), 32, 8, Duration.ofSeconds(30), "Vetter/1.0", "", "",
				"PKCS12");
	}
}
