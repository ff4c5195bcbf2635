package dev.vetter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL asks every client for the generated password, also after a
 * restart, and converts a cluster that an older Vetter created with {@code trust}.
 */
class EmbeddedDatabasePasswordTest {

	private final EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

	@Test
	void refusesConnectionsWithoutThePasswordAndAcceptsThemWithIt() throws Exception {
		Path work = Files.createTempDirectory("vetter-pg-password");
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(work.resolve("pgdata").toString(), 0,
				null);
		try (EmbeddedPostgres pg = configuration.embeddedPostgres(properties)) {
			Path file = work.resolve("pg.password");
			assertThat(file).exists();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			String password = Files.readString(file).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(32);
			assertRefused(pg.getPort(), null);
			assertRefused(pg.getPort(), "wrong");
			assertAccepted(pg.getPort(), password);
		}
		// a second start reads the same password
		try (EmbeddedPostgres pg = configuration.embeddedPostgres(properties)) {
			assertRefused(pg.getPort(), null);
			assertAccepted(pg.getPort(), Files.readString(work.resolve("pg.password")).strip());
		}
	}

	@Test
	void convertsAClusterThatTrustedEveryone() throws Exception {
		Path work = Files.createTempDirectory("vetter-pg-trust");
		Path data = work.resolve("pgdata");
		// what an older Vetter left: initdb -A trust
		EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start().close();
		assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

		try (EmbeddedPostgres pg = configuration
			.embeddedPostgres(new EmbeddedDatabaseProperties(data.toString(), 0, null))) {
			assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust").contains("scram-sha-256");
			assertRefused(pg.getPort(), null);
			assertAccepted(pg.getPort(), Files.readString(work.resolve("pg.password")).strip());
		}
	}

	@Test
	void aSecuredClusterWithoutItsPasswordFileDoesNotStart() throws Exception {
		Path work = Files.createTempDirectory("vetter-pg-lost");
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(work.resolve("pgdata").toString(), 0,
				null);
		configuration.embeddedPostgres(properties).close();
		Files.delete(work.resolve("pg.password"));

		assertThatThrownBy(() -> configuration.embeddedPostgres(properties)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("pg.password");
	}

	private static void assertRefused(int port, String password) {
		assertThatThrownBy(() -> connect(port, password).close()).isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
	}

	private static void assertAccepted(int port, String password) throws SQLException {
		try (Connection c = connect(port, password)) {
			assertThat(c.isValid(5)).isTrue();
		}
	}

	private static Connection connect(int port, String password) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", "postgres");
		if (password != null) {
			props.setProperty("password", password);
		}
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
	}

}
