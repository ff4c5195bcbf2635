package dev.vetter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL left running by a killed Vetter (no shutdown hook ran) holds the data
 * directory; the next start stops it before starting its own.
 */
class OrphanedPostgresTest {

	@Test
	void stopsThePostgresLeftRunningOnTheDataDirectory() throws Exception {
		Path dir = Files.createTempDirectory("vetter-orphan");
		EmbeddedPostgres orphan = EmbeddedPostgres.builder()
			.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
		long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
		ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
		assertThat(process.isAlive()).isTrue();

		EmbeddedDatabaseConfiguration.stopOrphan(dir.toFile());

		process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(process.isAlive()).isFalse();
		try {
			orphan.close(); // releases zonky's in-JVM lock on the directory; the server
							// is gone already
		}
		catch (Exception ignored) {
			// pg_ctl stop on a stopped server
		}
	}

	@Test
	void leavesAStalePidFileOfADeadProcessAlone() throws Exception {
		Path dir = Files.createTempDirectory("vetter-stale");
		Files.writeString(dir.resolve("postmaster.pid"), "999999999\n");

		EmbeddedDatabaseConfiguration.stopOrphan(dir.toFile());

		assertThat(dir.resolve("postmaster.pid")).exists();
	}

}
