package dev.vetter.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;

/**
 * Bytes Vetter scanned (downloaded or uploaded media), kept so reviewers see exactly what
 * was scanned, and deleted with the task that owns them.
 * <p>
 * The default is {@link LocalBlobStore}, a folder ({@code vetter.blobs.root},
 * {@code ./var/blobs}). An S3-compatible store implements the same contract: {@code put}
 * streams to a multipart upload under the key (a single PUT is atomic: the object is
 * visible whole or not at all; a failed upload is aborted), {@code open} is a GET,
 * {@code delete}/{@code deleteAll} map to DeleteObject(s) (batches of 1000), and
 * {@code exists} and {@code size} to HEAD. The SHA-256 is computed while streaming, as
 * here, not taken from the service.
 */
public interface BlobStore {

	/**
	 * Streams {@code content} into a new blob, atomically: the blob exists whole or not
	 * at all.
	 * @throws IOException when reading {@code content} fails (nothing is kept)
	 * @throws java.io.UncheckedIOException when the store itself cannot write
	 */
	StoredBlob put(InputStream content) throws IOException;

	/**
	 * @throws BlobMissing when there is no such blob
	 */
	InputStream open(BlobKey key);

	boolean exists(BlobKey key);

	/**
	 * The blob's length in bytes (an S3 store answers it with HEAD).
	 * @throws BlobMissing when there is no such blob
	 */
	long size(BlobKey key);

	/** Deletes the blob; {@code false} when there was none. */
	boolean delete(BlobKey key);

	/** Deletes every blob listed (retention); returns how many existed. */
	default int deleteAll(Collection<BlobKey> keys) {
		int n = 0;
		for (BlobKey key : keys) {
			n += delete(key) ? 1 : 0;
		}
		return n;
	}

}
