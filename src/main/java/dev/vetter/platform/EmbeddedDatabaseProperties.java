package dev.vetter.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that Vetter starts when no {@code spring.datasource.url} is
 * configured.
 *
 * @param dataDir where the cluster lives; kept across restarts
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("vetter.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("var/pgdata") String dataDir, @DefaultValue("0") int port) {
}
