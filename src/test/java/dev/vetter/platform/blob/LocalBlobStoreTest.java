package dev.vetter.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

	@TempDir
	Path dir;

	@Test
	void storesStreamsWithTheirDigestAndGivesThemBack() throws Exception {
		LocalBlobStore store = new LocalBlobStore(dir);
		StoredBlob blob = store.put(new ByteArrayInputStream("abc".getBytes()));
		assertThat(blob.size()).isEqualTo(3);
		// SHA-256("abc"), FIPS 180-2 test vector
		assertThat(blob.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(store.exists(blob.key())).isTrue();
		try (InputStream in = store.open(blob.key())) {
			assertThat(in.readAllBytes()).isEqualTo("abc".getBytes());
		}
		assertThat(dir.resolve(blob.key().value())).isRegularFile();
	}

	@Test
	void deletesOneOrManyForRetention() throws Exception {
		LocalBlobStore store = new LocalBlobStore(dir);
		StoredBlob a = store.put(new ByteArrayInputStream(new byte[] { 1 }));
		StoredBlob b = store.put(new ByteArrayInputStream(new byte[] { 2 }));
		StoredBlob c = store.put(new ByteArrayInputStream(new byte[] { 3 }));
		assertThat(store.delete(a.key())).isTrue();
		assertThat(store.delete(a.key())).isFalse();
		assertThat(store.deleteAll(List.of(a.key(), b.key(), c.key()))).isEqualTo(2);
		assertThat(store.exists(c.key())).isFalse();
		assertThatThrownBy(() -> store.open(b.key())).isInstanceOf(BlobMissing.class);
	}

	@Test
	void aSourceThatFailsMidwayLeavesNothingBehind() throws Exception {
		LocalBlobStore store = new LocalBlobStore(dir);
		InputStream failing = new InputStream() {
			int n;

			@Override
			public int read() throws IOException {
				if (++n > 100_000) {
					throw new IOException("connection reset");
				}
				return 7;
			}
		};
		assertThatThrownBy(() -> store.put(failing)).isInstanceOf(IOException.class).hasMessage("connection reset");
		try (Stream<Path> files = Files.walk(dir)) {
			assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
		}
	}

	@Test
	void keysCannotNameAPathOutsideTheStore() {
		for (String bad : new String[] { "../etc/passwd", "ab/../../x", "/abs", "ab/not-a-uuid", "" }) {
			assertThatThrownBy(() -> new BlobKey(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
		BlobKey k = BlobKey.random();
		assertThat(k.value()).startsWith(k.value().substring(3, 5) + "/");
		assertThat(HexFormat.isHexDigit(k.value().charAt(0))).isTrue();
	}

}
