package dev.vetter.platform.media;

import dev.vetter.platform.blob.BlobKey;

/**
 * Media taken in and stored: exactly these bytes are scanned and shown to reviewers.
 *
 * @param blob where the bytes are in the blob store
 * @param type format sniffed from the bytes
 * @param size bytes
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param source the URL that answered (after redirects), or {@code upload:<file name>}
 */
public record FetchedMedia(BlobKey blob, MediaType type, long size, String sha256, String source) {
}
