package dev.vetter.detection;

import java.util.Collection;
import java.util.List;

/**
 * A compiled, immutable set of PDQ hashes (e.g. one tenant's image libraries) searched by
 * Hamming distance. Built once from {@link Entry entries} and shared; thread-safe. Stays
 * fast at 100,000+ entries (multi-index hashing; see docs/detection.md).
 *
 * @param <T> what an entry stands for (a library entry id, a library id and entry id,
 * ...)
 */
public interface ImageHashIndex<T> {

	/** Number of entries. */
	int size();

	/**
	 * Every entry within {@code maxDistance} bits of {@code query}, nearest first (ties
	 * in insertion order), at most {@code limit} of them.
	 * @param maxDistance 0..256; {@link PdqHash#DEFAULT_MATCH_DISTANCE} by default
	 */
	List<Match<T>> search(PdqHash query, int maxDistance, int limit);

	/**
	 * A new index holding these entries and the new ones; this index is unchanged. Costs
	 * a rebuild (tens of milliseconds at 100,000 entries).
	 */
	ImageHashIndex<T> plus(Collection<Entry<T>> more);

	static <T> ImageHashIndex<T> of(Collection<Entry<T>> entries) {
		return dev.vetter.detection.image.MultiIndexHashIndex.build(entries);
	}

	record Entry<T>(PdqHash hash, T value) {
	}

	/**
	 * @param value the entry's value
	 * @param hash the entry's hash
	 * @param distance Hamming distance to the query, 0..256
	 */
	record Match<T>(T value, PdqHash hash, int distance) {
	}

}
