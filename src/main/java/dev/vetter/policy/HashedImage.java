package dev.vetter.policy;

import dev.vetter.detection.PdqHash;

/**
 * An image taken in for a library: its PDQ hash and where it came from.
 *
 * @param source the URL that answered (after redirects), or {@code upload:<file name>}
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record HashedImage(PdqHash hash, String source, String sha256) {
}
