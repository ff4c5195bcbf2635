package dev.vetter.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
			// Spring stops it (bean destroy) after everything that uses the database has
			// shut down
			.setRegisterShutdownHook(false);
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		EmbeddedPostgres pg = builder.start();
		log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDir);
		return pg;
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
	DataSource dataSource(EmbeddedPostgres pg) {
		HikariDataSource ds = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(pg.getJdbcUrl("postgres", "postgres"))
			.username("postgres")
			.build();
		ds.setPoolName("vetter-embedded");
		ds.setMaximumPoolSize(20);
		return ds;
	}

}
