package dev.vetter.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that Vetter starts when no {@code spring.datasource.url} is
 * configured.
 *
 * @param dataDir where the cluster lives; kept across restarts
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param passwordFile the superuser's password, generated on first start (mode 0600);
 * keep it with the master key. Unset: {@code pg.password} beside the data directory
 * ({@code var/pg.password} by default)
 */
@ConfigurationProperties("vetter.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("var/pgdata") String dataDir, @DefaultValue("0") int port,
		String passwordFile) {

	/** The password file, absolute. */
	public java.nio.file.Path passwordPath() {
		java.nio.file.Path data = java.nio.file.Path.of(dataDir).toAbsolutePath();
		return passwordFile == null || passwordFile.isBlank() ? data.resolveSibling("pg.password")
				: java.nio.file.Path.of(passwordFile).toAbsolutePath();
	}
}
