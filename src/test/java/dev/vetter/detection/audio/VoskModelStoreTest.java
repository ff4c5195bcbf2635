package dev.vetter.detection.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaRejected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled model as {@code java -jar} finds it: extracted from the classpath into a
 * cache folder once, reused while intact, extracted again when changed.
 */
class VoskModelStoreTest {

	final VoskModelStore store = new VoskModelStore(getClass().getClassLoader());

	@TempDir
	Path cache;

	@Test
	void extractsTheBundledModelOnceAndReusesIt() throws IOException {
		Path model = store.extract(cache);

		assertThat(model.getParent()).isEqualTo(cache);
		assertThat(model.getFileName().toString()).startsWith("vosk-model-en-us-");
		assertThat(model.resolve("am/final.mdl")).isRegularFile();
		assertThat(model.resolve("graph/HCLr.fst")).isRegularFile();
		assertThat(model.resolve(VoskModelStore.MARKER)).isRegularFile();
		assertThat(Files.size(model.resolve("am/final.mdl"))).isEqualTo(15_962_575L);
		// nothing half-done left behind
		try (var entries = Files.list(cache)) {
			assertThat(entries).containsExactly(model);
		}

		FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
		Files.setLastModifiedTime(model.resolve("am/final.mdl"), marked);
		assertThat(store.extract(cache)).isEqualTo(model);
		assertThat(Files.getLastModifiedTime(model.resolve("am/final.mdl"))).isEqualTo(marked);
	}

	@Test
	void extractsAgainWhenTheCopyWasChanged() throws IOException {
		Path model = store.extract(cache);
		String original = Files.readString(model.resolve("conf/model.conf"));
		Files.writeString(model.resolve("conf/model.conf"), original.replace('1', '2'));

		assertThat(store.extract(cache)).isEqualTo(model);
		assertThat(Files.readString(model.resolve("conf/model.conf"))).isEqualTo(original);

		Files.delete(model.resolve("ivector/splice.conf"));
		assertThat(store.extract(cache)).isEqualTo(model);
		assertThat(model.resolve("ivector/splice.conf")).isRegularFile();
	}

	@Test
	void usesTheClassesFolderInPlace() {
		// tests and mvn spring-boot:run have the classes as a folder: nothing to extract
		Path model = store.bundled(cache);
		assertThat(model.resolve("am/final.mdl")).isRegularFile();
		assertThat(model.toString()).endsWith("vosk-model-en-us");
	}

	@Test
	void refusesAConfiguredFolderThatIsNoModel() {
		assertThatThrownBy(() -> VoskModelStore.configured(cache)).isInstanceOfSatisfying(MediaRejected.class,
				ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.ALGO_FAILED));
	}

	@Test
	void saysSoWhenTheModelIsMissingFromTheClasspath() {
		VoskModelStore empty = new VoskModelStore(new ClassLoader(null) {
		});
		assertThatThrownBy(() -> empty.bundled(cache)).isInstanceOfSatisfying(MediaRejected.class,
				ex -> assertThat(ex.failure()).isEqualTo(MediaFailure.ALGO_FAILED));
	}

}
