package dev.vetter.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.web.multipart.MultipartFile;

import dev.vetter.platform.blob.BlobStore;

/**
 * Takes an uploaded file (multipart) instead of a URL, with the same rules as a download:
 * the kind's size cap, the format sniffed from the bytes (the part's content type and
 * file name are ignored), and the bytes streamed into the blob store.
 */
public final class MediaUploads {

	private final BlobStore blobs;

	private final MediaProperties properties;

	public MediaUploads(BlobStore blobs, MediaProperties properties) {
		this.blobs = blobs;
		this.properties = properties;
	}

	public FetchedMedia store(MultipartFile file, MediaKind kind) throws MediaFetchFailed {
		long max = properties.limits(kind).maxBytes();
		if (file.getSize() > max) {
			throw new MediaFetchFailed(FetchFailure.TOO_LARGE, "the file is larger than " + max + " bytes");
		}
		String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
		MediaIntake.Outcome outcome;
		try (InputStream in = new CappedInput(file.getInputStream(), max)) {
			outcome = MediaIntake.store(in, kind, blobs, "upload:" + name.replaceAll("[\\r\\n]", "_"));
		}
		catch (CappedInput.OverCap e) {
			throw new MediaFetchFailed(FetchFailure.TOO_LARGE, "the file is larger than " + max + " bytes");
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not read the upload", e);
		}
		if (outcome.failure() != null) {
			throw new MediaFetchFailed(outcome.failure(), outcome.message());
		}
		return outcome.media();
	}

	/** Fails at the first byte past the cap, whatever the part claimed. */
	private static final class CappedInput extends java.io.FilterInputStream {

		static final class OverCap extends IOException {

		}

		private final long max;

		private long count;

		CappedInput(InputStream in, long max) {
			super(in);
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0 && ++count > max) {
				throw new OverCap();
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0 && (count += n) > max) {
				throw new OverCap();
			}
			return n;
		}

	}

}
