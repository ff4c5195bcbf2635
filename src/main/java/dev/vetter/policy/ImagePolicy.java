package dev.vetter.policy;

import java.util.List;

import dev.vetter.detection.PdqHash;

/**
 * A bizType policy as image scans use it: the tenant's IMAGE libraries the policy applies
 * and the index of their hashes; the policy's {@link BizTypePolicy#image() image rules}
 * (NSFW thresholds, the QR code suggestion) travel with it.
 *
 * @param applied the IMAGE libraries the policy applies (see
 * {@link BizTypePolicy#appliesTo})
 * @param minQuality PDQ quality under which an image is not matched
 * ({@code vetter.policy.image-min-quality})
 */
public record ImagePolicy(String bizType, BizTypePolicy policy, ImageLibraryIndex index, List<Library> applied,
		int minQuality) {

	public ImagePolicy {
		applied = List.copyOf(applied);
	}

	/** Whether an image could match anything (else there is no need to hash it). */
	public boolean hasLibraries() {
		return !applied.isEmpty() && index.size() > 0;
	}

	/**
	 * The applied libraries {@code hash} matches (each within its own distance), nearest
	 * first, one match per library; none for a hash under the minimum quality (a flat
	 * image's hash is noise).
	 */
	public List<ImageLibraryMatch> matches(PdqHash hash) {
		return hasLibraries() && hash.quality() >= minQuality ? index.matches(hash, applied) : List.of();
	}

}
