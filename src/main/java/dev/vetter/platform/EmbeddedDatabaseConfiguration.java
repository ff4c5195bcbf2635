package dev.vetter.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL 15 (zonky's binaries from Maven Central) under
 * {@code vetter.embedded-db.data-dir} when no datasource URL is configured, so that
 * running Vetter needs nothing installed but a JDK. The data directory persists across
 * restarts; PostgreSQL is stopped with the application context.
 * <p>
 * Nothing about it is open: it listens on 127.0.0.1 only (no Unix socket), and the
 * superuser {@code postgres} has a random password generated on first start and kept in
 * {@code vetter.embedded-db.password-file} (mode 0600, beside the master key).
 * {@code pg_hba.conf} asks for {@code scram-sha-256} on every line; a cluster created by
 * an older Vetter (with {@code trust}) is converted on its next start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		File dataDir = new File(properties.dataDir()).getAbsoluteFile();
		dataDir.getParentFile().mkdirs();
		stopOrphan(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "200")
			.setServerConfig("fsync", "on")
			// zonky defaults to synchronous_commit=off; an accepted task must survive a
			// crash of the host too
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// TCP on the loopback only: no Unix socket that another local user could
			// reach
			.setServerConfig("unix_socket_directories", "")
			.setServerConfig("password_encryption", "scram-sha-256")
			// Spring stops it (bean destroy) after everything that uses the database has
			// shut down
			.setRegisterShutdownHook(false);
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		Path passwordFile = properties.passwordPath();
		if (isSecured(dataDir.toPath()) && !Files.exists(passwordFile)) {
			throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " asks for a password but "
					+ passwordFile + " is missing: restore that file (see docs/operations.md)");
		}
		String password = password(passwordFile);
		// zonky checks readiness by connecting as postgres: with the password it works
		// against trust and scram alike
		builder.setConnectConfig("password", password);
		if (!new File(dataDir, "PG_VERSION").exists()) {
			// a new cluster is never trust, not even between initdb and the first start
			builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
		}
		EmbeddedPostgres pg = builder.start();
		secure(pg, dataDir.toPath(), password);
		log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {} (password in {})", pg.getPort(), dataDir,
				passwordFile);
		return pg;
	}

	/** The first line of a {@code pg_hba.conf} written by {@link #secure}. */
	static final String HBA_MARKER = "# vetter: every connection needs the password (scram-sha-256)";

	static final String HBA = HBA_MARKER + "\n" + """
			# TYPE  DATABASE  USER  ADDRESS        METHOD
			local   all       all                  scram-sha-256
			host    all       all   127.0.0.1/32   scram-sha-256
			host    all       all   ::1/128        scram-sha-256
			""";

	static boolean isSecured(Path dataDir) throws IOException {
		Path hba = dataDir.resolve("pg_hba.conf");
		return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
	}

	/**
	 * The superuser's password: read from the file, or generated (24 random bytes) and
	 * written with mode 0600 on first start.
	 */
	static String password(Path file) throws IOException {
		if (Files.exists(file)) {
			String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (stored.isEmpty()) {
				throw new IllegalStateException(file + " is empty; it must hold the embedded database's password");
			}
			return stored;
		}
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Files.createDirectories(file.getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (FileAlreadyExistsException e) {
			return password(file);
		}
		catch (UnsupportedOperationException e) {
			// not a POSIX file system
			Files.createFile(file);
		}
		Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
		return password;
	}

	/**
	 * Sets the superuser's password, makes every {@code pg_hba.conf} line ask for it and
	 * reloads the configuration. Idempotent; converts a cluster made with {@code trust}.
	 */
	static void secure(EmbeddedPostgres pg, Path dataDir, String password) throws IOException {
		try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
			st.execute("set password_encryption = 'scram-sha-256'");
			st.execute("alter role postgres password '" + password.replace("'", "''") + "'");
			Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
			st.execute("select pg_reload_conf()");
		}
		catch (SQLException e) {
			throw new IllegalStateException("could not secure the embedded PostgreSQL: " + e.getMessage(), e);
		}
	}

	/**
	 * A PostgreSQL left running by a Vetter that was killed (kill -9 runs no shutdown
	 * hook) still holds the data directory. Its clients are gone, so a smart shutdown
	 * (SIGTERM) completes at once.
	 */
	static void stopOrphan(File dataDir) throws IOException {
		Path pidFile = dataDir.toPath().resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).strip());
		Optional<ProcessHandle> process = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
		if (process.isEmpty()) {
			return;
		}
		log.warn("Stopping PostgreSQL (pid {}) left running on {} by a previous run", pid, dataDir);
		process.get().destroy();
		try {
			process.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			process.get().destroyForcibly();
		}
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres pg, EmbeddedDatabaseProperties properties) throws IOException {
		HikariDataSource ds = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(pg.getJdbcUrl("postgres", "postgres"))
			.username("postgres")
			.password(password(properties.passwordPath()))
			.build();
		ds.setPoolName("vetter-embedded");
		ds.setMaximumPoolSize(20);
		return ds;
	}

}
