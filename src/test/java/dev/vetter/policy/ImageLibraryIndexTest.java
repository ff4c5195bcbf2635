package dev.vetter.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.PdqHash;
import dev.vetter.detection.image.MultiIndexHashIndexTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's image-library index: per-library distances, the bizType's library choice,
 * and correct answers at 100,000 hashes (checked against a linear scan).
 */
class ImageLibraryIndexTest {

	static Library library(long id, LibraryAction action, int maxDistance) {
		return new Library(id, 1, "lib" + id, LibraryKind.IMAGE, action, 0, Instant.EPOCH, maxDistance);
	}

	@Test
	void answersLikeALinearScanAtOneHundredThousandHashes() {
		Random rnd = new Random(7);
		List<Library> libraries = List.of(library(1, LibraryAction.BLOCK, 31), library(2, LibraryAction.REVIEW, 12),
				library(3, LibraryAction.PASS, 40));
		List<ImageLibraryIndex.Entry> entries = new ArrayList<>(100_000);
		for (int i = 0; i < 100_000; i++) {
			// clusters of near-duplicates, as real libraries hold
			PdqHash hash = i % 10 == 0 ? MultiIndexHashIndexTest.random(rnd)
					: MultiIndexHashIndexTest.near(entries.get(i - 1).hash(), rnd.nextInt(40), rnd);
			entries.add(new ImageLibraryIndex.Entry(1 + i % 3, i, hash));
		}
		ImageLibraryIndex index = ImageLibraryIndex.of(libraries, entries);
		assertThat(index.size()).isEqualTo(100_000);

		int matched = 0;
		for (int q = 0; q < 400; q++) {
			PdqHash query = q % 4 == 0 ? MultiIndexHashIndexTest.random(rnd) : MultiIndexHashIndexTest
				.near(entries.get(rnd.nextInt(entries.size())).hash(), rnd.nextInt(45), rnd);
			List<ImageLibraryMatch> found = index.matches(query, libraries);
			List<ImageLibraryMatch> expected = linear(libraries, entries, query);
			assertThat(found).extracting(m -> m.library().id() + "@" + m.distance())
				.as("query %d", q)
				.containsExactlyInAnyOrderElementsOf(
						expected.stream().map(m -> m.library().id() + "@" + m.distance()).toList());
			assertThat(found).extracting(ImageLibraryMatch::distance).isSorted();
			matched += found.isEmpty() ? 0 : 1;
		}
		assertThat(matched).as("queries that matched something").isGreaterThan(200);
	}

	@Test
	void eachLibraryMatchesWithinItsOwnDistanceAndOnlyWhenTheBizTypeAppliesIt() {
		Random rnd = new Random(3);
		PdqHash original = MultiIndexHashIndexTest.random(rnd);
		Library strict = library(1, LibraryAction.BLOCK, 5);
		Library loose = library(2, LibraryAction.REVIEW, 31);
		ImageLibraryIndex index = ImageLibraryIndex.of(List.of(strict, loose),
				List.of(new ImageLibraryIndex.Entry(1, 10, original), new ImageLibraryIndex.Entry(2, 20, original)));

		PdqHash copy = MultiIndexHashIndexTest.near(original, 12, rnd);
		assertThat(index.matches(copy, List.of(strict, loose)))
			.extracting(m -> m.library().id(), m -> m.entryId(), ImageLibraryMatch::distance)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 20L, 12));
		assertThat(index.matches(original, List.of(strict, loose))).extracting(m -> m.library().id())
			.containsExactlyInAnyOrder(1L, 2L);
		assertThat(index.matches(original, List.of(strict))).extracting(m -> m.library().id()).containsExactly(1L);
		assertThat(index.matches(original, List.of())).isEmpty();
	}

	@Test
	void aFlatImageIsNotMatched() {
		PdqHash noise = PdqHash.of(new long[] { 1, 2, 3, 4 }, 10);
		Library block = library(1, LibraryAction.BLOCK, 31);
		ImageLibraryIndex index = ImageLibraryIndex.of(List.of(block),
				List.of(new ImageLibraryIndex.Entry(1, 1, PdqHash.of(new long[] { 1, 2, 3, 4 }, 90))));
		ImagePolicy policy = new ImagePolicy("default", BizTypePolicy.DEFAULT, index, List.of(block), 50);
		assertThat(policy.matches(noise)).isEmpty();
		assertThat(policy.matches(PdqHash.of(new long[] { 1, 2, 3, 4 }, 50))).hasSize(1);
	}

	/** Per library, its nearest entry within its distance; nearest first. */
	private static List<ImageLibraryMatch> linear(List<Library> libraries, List<ImageLibraryIndex.Entry> entries,
			PdqHash query) {
		List<ImageLibraryMatch> out = new ArrayList<>();
		for (Library library : libraries) {
			ImageLibraryMatch best = null;
			for (ImageLibraryIndex.Entry e : entries) {
				int d = e.hash().distance(query);
				if (e.libraryId() == library.id() && d <= library.maxDistance()
						&& (best == null || d < best.distance())) {
					best = new ImageLibraryMatch(library, e.entryId(), e.hash(), d);
				}
			}
			if (best != null) {
				out.add(best);
			}
		}
		out.sort(Comparator.comparingInt(ImageLibraryMatch::distance));
		return out;
	}

}
