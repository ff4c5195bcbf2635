package dev.vetter.policy;

import dev.vetter.detection.PdqHash;

/**
 * An image matched an entry of an IMAGE library.
 *
 * @param entryId the matched entry
 * @param entryHash the matched entry's hash
 * @param distance Hamming distance of the image's hash to the entry's (0..255)
 */
public record ImageLibraryMatch(Library library, long entryId, PdqHash entryHash, int distance) {
}
