package dev.vetter.platform.blob;

/**
 * A blob written to the store.
 *
 * @param key where it is
 * @param size bytes
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record StoredBlob(BlobKey key, long size, String sha256) {
}
