package dev.vetter.detection.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.vetter.detection.ImageHashIndex;
import dev.vetter.detection.ImageHashIndex.Entry;
import dev.vetter.detection.ImageHashIndex.Match;
import dev.vetter.detection.PdqHash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class MultiIndexHashIndexTest {

	private static final int ENTRIES = 100_000;

	private static List<Entry<Integer>> entries;

	private static ImageHashIndex<Integer> index;

	private static PdqHash[] hashes;

	@BeforeAll
	static void build() {
		Random rnd = new Random(20261202);
		entries = new ArrayList<>(ENTRIES);
		// uniform random hashes, plus clusters of near-duplicates (as real libraries
		// have:
		// several versions of one picture), so that searches have many true matches
		for (int i = 0; i < ENTRIES; i++) {
			PdqHash hash = (i % 10 == 0 || i < 10) ? random(rnd)
					: near(entries.get(i - 1 - rnd.nextInt(Math.min(i, 9))).hash(), rnd.nextInt(40), rnd);
			entries.add(new Entry<>(hash, i));
		}
		index = ImageHashIndex.of(entries);
		hashes = entries.stream().map(Entry::hash).toArray(PdqHash[]::new);
	}

	@Test
	void findsExactlyWhatABruteForceScanFinds() {
		Random rnd = new Random(7);
		int checked = 0;
		int matched = 0;
		for (int q = 0; q < 300; q++) {
			PdqHash query = (q % 4 == 0) ? random(rnd)
					: near(entries.get(rnd.nextInt(ENTRIES)).hash(), rnd.nextInt(48), rnd);
			List<Match<Integer>> within63 = bruteForce(query, 63, Integer.MAX_VALUE);
			for (int radius : new int[] { 0, 8, 15, 31, 40, 63 }) {
				int r = radius;
				List<Match<Integer>> expected = within63.stream().filter(m -> m.distance() <= r).toList();
				List<Match<Integer>> actual = index.search(query, radius, Integer.MAX_VALUE);
				assertThat(actual).as("query %d radius %d", q, radius).isEqualTo(expected);
				checked++;
				matched += actual.size();
			}
		}
		assertThat(checked).isEqualTo(1800);
		assertThat(matched).as("the property is not vacuous").isGreaterThan(1500);
	}

	@Test
	void smallIndexesSearchTheSortedTablesAndAgreeToo() {
		// under 16,384 entries the tables are binary-searched; at big radii the index
		// scans
		List<Entry<Integer>> small = entries.subList(0, 3_000);
		ImageHashIndex<Integer> smallIndex = ImageHashIndex.of(small);
		Random rnd = new Random(9);
		for (int q = 0; q < 200; q++) {
			PdqHash query = near(small.get(rnd.nextInt(small.size())).hash(), rnd.nextInt(40), rnd);
			for (int radius : new int[] { 0, 15, 31, 63 }) {
				List<Match<Integer>> expected = new ArrayList<>();
				for (Entry<Integer> e : small) {
					if (e.hash().distance(query) <= radius) {
						expected.add(new Match<>(e.value(), e.hash(), e.hash().distance(query)));
					}
				}
				expected.sort(Comparator.<Match<Integer>>comparingInt(Match::distance).thenComparingInt(Match::value));
				assertThat(smallIndex.search(query, radius, Integer.MAX_VALUE)).isEqualTo(expected);
			}
		}
	}

	@Test
	void returnsTheNearestFirstUpToTheLimit() {
		PdqHash base = entries.get(500).hash();
		List<Match<Integer>> top = index.search(base, 31, 3);

		assertThat(top).hasSizeLessThanOrEqualTo(3);
		assertThat(top.get(0).distance()).isZero();
		assertThat(top.get(0).value()).isEqualTo(500);
		assertThat(top).isSortedAccordingTo(Comparator.comparingInt(Match::distance));
		assertThat(top).isEqualTo(bruteForce(base, 31, 3));
	}

	@Test
	void plusAddsEntriesAndLeavesTheOriginalAlone() {
		Random rnd = new Random(11);
		PdqHash fresh = random(rnd);
		assertThat(index.search(fresh, 31, 10)).isEmpty();

		ImageHashIndex<Integer> bigger = index.plus(List.of(new Entry<>(near(fresh, 5, rnd), -1)));

		assertThat(bigger.size()).isEqualTo(ENTRIES + 1);
		assertThat(bigger.search(fresh, 31, 10)).singleElement().satisfies(m -> {
			assertThat(m.value()).isEqualTo(-1);
			assertThat(m.distance()).isEqualTo(5);
		});
		assertThat(index.search(fresh, 31, 10)).isEmpty();
	}

	@Test
	void worksEmptyAndRejectsBadArguments() {
		ImageHashIndex<String> empty = ImageHashIndex.of(List.of());
		assertThat(empty.search(random(new Random(1)), 31, 5)).isEmpty();
		assertThatThrownBy(() -> index.search(random(new Random(1)), 257, 5))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> index.search(random(new Random(1)), 31, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static List<Match<Integer>> bruteForce(PdqHash query, int radius, int limit) {
		List<Match<Integer>> all = new ArrayList<>();
		for (int i = 0; i < hashes.length; i++) {
			Entry<Integer> e = entries.get(i);
			int d = hashes[i].distance(query);
			if (d <= radius) {
				all.add(new Match<>(e.value(), e.hash(), d));
			}
		}
		all.sort(Comparator.<Match<Integer>>comparingInt(Match::distance).thenComparingInt(Match::value));
		return all.subList(0, Math.min(limit, all.size()));
	}

	public static PdqHash random(Random rnd) {
		return PdqHash.of(new long[] { rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong() }, 100);
	}

	/** {@code hash} with {@code bits} distinct random bits flipped. */
	public static PdqHash near(PdqHash hash, int bits, Random rnd) {
		long[] words = { hash.word(0), hash.word(1), hash.word(2), hash.word(3) };
		java.util.BitSet flipped = new java.util.BitSet(256);
		while (flipped.cardinality() < bits) {
			flipped.set(rnd.nextInt(256));
		}
		flipped.stream().forEach(k -> words[k >>> 6] ^= 1L << (k & 63));
		return PdqHash.of(words, hash.quality());
	}

}
