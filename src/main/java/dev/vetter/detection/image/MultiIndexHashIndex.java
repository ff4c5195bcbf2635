package dev.vetter.detection.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import dev.vetter.detection.ImageHashIndex;
import dev.vetter.detection.PdqHash;

/**
 * Multi-index hashing (Norouzi, Punjani and Fleet, "Fast search in Hamming space with
 * multi-index hashing", 2012) over 256-bit PDQ hashes.
 * <p>
 * Each hash is cut into 16 substrings of 16 bits. For each substring position there is a
 * table of the entries sorted by that substring. By the pigeonhole principle, two hashes
 * within distance {@code r} agree to within {@code floor(r / 16)} bits on at least one
 * substring, so a search looks up, for every position, every 16-bit key within that
 * radius of the query's substring (1 + 16 keys at the default radius 31), and checks the
 * full distance of each candidate found. A candidate is checked only at the first
 * position where it is near enough, so no entry is counted twice and no per-query set is
 * needed. When the key enumeration would cost more than a scan (large radius, small
 * index), the search scans every entry instead. Immutable and thread-safe.
 */
public final class MultiIndexHashIndex<T> implements ImageHashIndex<T> {

	private static final int PARTS = 16;

	private static final int PART_BITS = 16;

	/** entries from which a position gets a direct key → run table */
	private static final int DIRECT_LOOKUP_FROM = 16_384;

	private final List<Entry<T>> entries;

	/** all hashes, 4 words per entry */
	private final long[] words;

	/** per position: entry numbers sorted by their substring there */
	private final int[][] order;

	/** per position: the substrings, in that same order */
	private final char[][] keys;

	/**
	 * per position, for big indexes: where each key's run starts in {@link #order}
	 * (65,537 ints, 256 KB a position), so a lookup costs no search; {@code null} for
	 * small indexes, which binary-search {@link #keys} instead
	 */
	private final int[][] starts;

	private MultiIndexHashIndex(List<Entry<T>> entries) {
		this.entries = entries;
		int n = entries.size();
		this.words = new long[n * 4];
		for (int e = 0; e < n; e++) {
			PdqHash hash = entries.get(e).hash();
			for (int w = 0; w < 4; w++) {
				this.words[e * 4 + w] = hash.word(w);
			}
		}
		this.order = new int[PARTS][];
		this.keys = new char[PARTS][];
		this.starts = (n >= DIRECT_LOOKUP_FROM) ? new int[PARTS][] : null;
		for (int p = 0; p < PARTS; p++) {
			// counting sort by the 16-bit key: linear time, stable (keeps insertion
			// order)
			int[] counts = new int[(1 << PART_BITS) + 1];
			for (int e = 0; e < n; e++) {
				counts[part(e, p) + 1]++;
			}
			for (int k = 0; k < 1 << PART_BITS; k++) {
				counts[k + 1] += counts[k];
			}
			if (this.starts != null) {
				this.starts[p] = counts.clone();
			}
			int[] sorted = new int[n];
			char[] sortedKeys = new char[n];
			for (int e = 0; e < n; e++) {
				int key = part(e, p);
				int at = counts[key]++;
				sorted[at] = e;
				sortedKeys[at] = (char) key;
			}
			this.order[p] = sorted;
			this.keys[p] = sortedKeys;
		}
	}

	public static <T> MultiIndexHashIndex<T> build(Collection<Entry<T>> entries) {
		return new MultiIndexHashIndex<>(List.copyOf(entries));
	}

	@Override
	public int size() {
		return entries.size();
	}

	@Override
	public ImageHashIndex<T> plus(Collection<Entry<T>> more) {
		List<Entry<T>> all = new ArrayList<>(entries.size() + more.size());
		all.addAll(entries);
		all.addAll(more);
		return new MultiIndexHashIndex<>(all);
	}

	@Override
	public List<Match<T>> search(PdqHash query, int maxDistance, int limit) {
		if (maxDistance < 0 || maxDistance > 256) {
			throw new IllegalArgumentException("maxDistance must be 0..256, was " + maxDistance);
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		long q0 = query.word(0);
		long q1 = query.word(1);
		long q2 = query.word(2);
		long q3 = query.word(3);
		List<int[]> found = new ArrayList<>();
		int subRadius = maxDistance / PARTS;
		if (PARTS * keysWithin(subRadius) * 8L > entries.size()) {
			for (int e = 0; e < entries.size(); e++) {
				int d = distance(e, q0, q1, q2, q3);
				if (d <= maxDistance) {
					found.add(new int[] { e, d });
				}
			}
		}
		else {
			int[] queryParts = new int[PARTS];
			for (int p = 0; p < PARTS; p++) {
				queryParts[p] = partOf(query.word(p >>> 2), p);
			}
			for (int p = 0; p < PARTS; p++) {
				int position = p;
				forEachKeyWithin(queryParts[p], subRadius,
						key -> collect(position, key, queryParts, subRadius, q0, q1, q2, q3, maxDistance, found));
			}
		}
		found.sort(Comparator.<int[]>comparingInt(m -> m[1]).thenComparingInt(m -> m[0]));
		List<Match<T>> out = new ArrayList<>(Math.min(limit, found.size()));
		for (int i = 0; i < found.size() && i < limit; i++) {
			Entry<T> entry = entries.get(found.get(i)[0]);
			out.add(new Match<>(entry.value(), entry.hash(), found.get(i)[1]));
		}
		return out;
	}

	private void collect(int position, int key, int[] queryParts, int subRadius, long q0, long q1, long q2, long q3,
			int maxDistance, List<int[]> found) {
		char[] sortedKeys = keys[position];
		int at;
		int end;
		if (starts != null) {
			at = starts[position][key];
			end = starts[position][key + 1];
		}
		else {
			at = lowerBound(sortedKeys, (char) key);
			end = sortedKeys.length;
		}
		int[] sorted = order[position];
		for (; at < end && sortedKeys[at] == key; at++) {
			int e = sorted[at];
			if (seenEarlier(e, position, queryParts, subRadius)) {
				continue;
			}
			int d = distance(e, q0, q1, q2, q3);
			if (d <= maxDistance) {
				found.add(new int[] { e, d });
			}
		}
	}

	/** Whether entry {@code e} was already a candidate at an earlier position. */
	private boolean seenEarlier(int e, int position, int[] queryParts, int subRadius) {
		for (int p = 0; p < position; p++) {
			if (Integer.bitCount(part(e, p) ^ queryParts[p]) <= subRadius) {
				return true;
			}
		}
		return false;
	}

	private int distance(int e, long q0, long q1, long q2, long q3) {
		int base = e * 4;
		return Long.bitCount(words[base] ^ q0) + Long.bitCount(words[base + 1] ^ q1)
				+ Long.bitCount(words[base + 2] ^ q2) + Long.bitCount(words[base + 3] ^ q3);
	}

	private int part(int e, int p) {
		return partOf(words[e * 4 + (p >>> 2)], p);
	}

	private static int partOf(long word, int p) {
		return (int) (word >>> ((p & 3) * PART_BITS)) & 0xffff;
	}

	private static int lowerBound(char[] sorted, char key) {
		int lo = 0;
		int hi = sorted.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (sorted[mid] < key) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	/** Number of 16-bit keys within {@code radius} bits of a key. */
	private static long keysWithin(int radius) {
		long total = 0;
		long choose = 1;
		for (int k = 0; k <= Math.min(radius, PART_BITS); k++) {
			total += choose;
			choose = choose * (PART_BITS - k) / (k + 1);
		}
		return total;
	}

	/**
	 * Calls {@code action} for every 16-bit key within {@code radius} bits of
	 * {@code key}.
	 */
	private static void forEachKeyWithin(int key, int radius, java.util.function.IntConsumer action) {
		flip(key, 0, Math.min(radius, PART_BITS), action);
	}

	private static void flip(int key, int from, int left, java.util.function.IntConsumer action) {
		action.accept(key);
		if (left == 0) {
			return;
		}
		for (int b = from; b < PART_BITS; b++) {
			flip(key ^ (1 << b), b + 1, left - 1, action);
		}
	}

}
