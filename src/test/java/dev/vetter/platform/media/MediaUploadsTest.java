package dev.vetter.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import dev.vetter.platform.blob.LocalBlobStore;

/** Uploads (multipart) follow the same rules as downloads. */
class MediaUploadsTest {

	@TempDir
	Path dir;

	private MediaUploads uploads(LocalBlobStore blobs) {
		return new MediaUploads(blobs,
				new MediaProperties(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), DataSize.ofKilobytes(64),
						Duration.ofSeconds(5), DataSize.ofMegabytes(1), Duration.ofSeconds(5),
						DataSize.ofMegabytes(1)));
	}

	@Test
	void storesAnUploadSniffedFromItsBytes() throws Exception {
		LocalBlobStore blobs = new LocalBlobStore(dir);
		FetchedMedia m = uploads(blobs)
			.store(new MockMultipartFile("file", "notes.txt", "text/plain", MediaFetcherTest.PNG), MediaKind.IMAGE);
		assertThat(m.type()).isEqualTo(MediaType.PNG);
		assertThat(m.source()).isEqualTo("upload:notes.txt");
		try (InputStream in = blobs.open(m.blob())) {
			assertThat(in.readAllBytes()).isEqualTo(MediaFetcherTest.PNG);
		}
	}

	@Test
	void refusesOversizeUnknownAndEmptyUploads() {
		MediaUploads u = uploads(new LocalBlobStore(dir));
		byte[] big = Arrays.copyOf(MediaFetcherTest.PNG, 65 * 1024);
		assertThatThrownBy(() -> u.store(new MockMultipartFile("file", "a.png", "image/png", big), MediaKind.IMAGE))
			.isInstanceOfSatisfying(MediaFetchFailed.class, e -> assertThat(e.greenCode()).isEqualTo(589));
		assertThatThrownBy(
				() -> u.store(new MockMultipartFile("file", "a.png", "image/png", "text".getBytes()), MediaKind.IMAGE))
			.isInstanceOfSatisfying(MediaFetchFailed.class, e -> assertThat(e.greenCode()).isEqualTo(590));
		assertThatThrownBy(
				() -> u.store(new MockMultipartFile("file", "a.png", "image/png", new byte[0]), MediaKind.IMAGE))
			.isInstanceOfSatisfying(MediaFetchFailed.class, e -> assertThat(e.greenCode()).isEqualTo(480));
	}

}
