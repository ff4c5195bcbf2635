package dev.vetter.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vetter.detection.ImageHashIndex;
import dev.vetter.detection.PdqHash;

/**
 * One tenant's IMAGE-library hashes in one {@link ImageHashIndex} (multi-index hashing,
 * fast at 100,000+ hashes), with the libraries they belong to. Immutable, shared by every
 * scan of the tenant until an entry or library changes.
 */
public final class ImageLibraryIndex {

	/** What an index entry stands for. */
	record Ref(long libraryId, long entryId) {
	}

	static final ImageLibraryIndex EMPTY = new ImageLibraryIndex(List.of(), List.of());

	private final Map<Long, Library> libraries;

	private final ImageHashIndex<Ref> index;

	private ImageLibraryIndex(Collection<Library> libraries, Collection<ImageHashIndex.Entry<Ref>> entries) {
		this.libraries = libraries.stream().collect(Collectors.toUnmodifiableMap(Library::id, Function.identity()));
		this.index = ImageHashIndex.of(entries);
	}

	/**
	 * @param libraries the tenant's IMAGE libraries
	 * @param entries per entry: its library id, its id and its hash
	 */
	public static ImageLibraryIndex of(Collection<Library> libraries, Collection<Entry> entries) {
		List<ImageHashIndex.Entry<Ref>> list = new ArrayList<>(entries.size());
		for (Entry e : entries) {
			list.add(new ImageHashIndex.Entry<>(e.hash(), new Ref(e.libraryId(), e.entryId())));
		}
		return new ImageLibraryIndex(libraries, list);
	}

	/** A stored hash of a library. */
	public record Entry(long libraryId, long entryId, PdqHash hash) {
	}

	/** Number of hashes. */
	public int size() {
		return index.size();
	}

	/**
	 * Per library of {@code applied} that holds an entry within its own
	 * {@link Library#maxDistance()} of {@code query}, the nearest such entry; nearest
	 * first.
	 */
	public List<ImageLibraryMatch> matches(PdqHash query, Collection<Library> applied) {
		if (applied.isEmpty() || index.size() == 0) {
			return List.of();
		}
		int radius = 0;
		Set<Long> ids = new HashSet<>();
		for (Library library : applied) {
			radius = Math.max(radius, distanceOf(library));
			ids.add(library.id());
		}
		List<ImageLibraryMatch> out = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (ImageHashIndex.Match<Ref> m : index.search(query, radius, Integer.MAX_VALUE)) {
			Library library = libraries.get(m.value().libraryId());
			if (library != null && ids.contains(library.id()) && m.distance() <= distanceOf(library)
					&& seen.add(library.id())) {
				out.add(new ImageLibraryMatch(library, m.value().entryId(), m.hash(), m.distance()));
			}
		}
		return out;
	}

	private static int distanceOf(Library library) {
		return library.maxDistance() == null ? PdqHash.DEFAULT_MATCH_DISTANCE : library.maxDistance();
	}

}
