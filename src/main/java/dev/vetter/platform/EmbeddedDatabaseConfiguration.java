package dev.vetter.platform;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

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
 * Starts a real PostgreSQL 15 (zonky's binaries from Maven Central) under {@code vetter.embedded-db.data-dir}
 * when no datasource URL is configured, so that running Vetter needs nothing installed but a JDK. The data
 * directory persists across restarts; PostgreSQL is stopped with the application context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		File dataDir = new File(properties.dataDir()).getAbsoluteFile();
		dataDir.getParentFile().mkdirs();
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "200")
			.setServerConfig("fsync", "on")
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setRegisterShutdownHook(true);
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		EmbeddedPostgres pg = builder.start();
		log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDir);
		return pg;
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
