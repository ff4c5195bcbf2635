package dev.vetter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One embedded PostgreSQL per test JVM, in a fresh temporary directory. */
public final class TestDatabase {

	private static EmbeddedPostgres postgres;

	private TestDatabase() {
	}

	public static synchronized String jdbcUrl() {
		if (postgres == null) {
			try {
				Path dir = Files.createTempDirectory("vetter-test-pg");
				postgres = EmbeddedPostgres.builder()
					.setDataDirectory(dir)
					.setCleanDataDirectory(true)
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "off")
					.start();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				// shutdown hooks run concurrently: let Spring close the cached test
				// contexts first, so they
				// do not wait on a database that is already gone
				Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter(t -> t.getName().equals("SpringApplicationShutdownHook"))
					.forEach(t -> {
						try {
							t.join(20_000);
						}
						catch (InterruptedException e) {
							Thread.currentThread().interrupt();
						}
					});
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// shutting down
				}
			}));
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

}
