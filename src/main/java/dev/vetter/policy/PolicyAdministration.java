package dev.vetter.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vetter.detection.PdqHash;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;
import dev.vetter.policy.internal.BizTypes;
import dev.vetter.policy.internal.Libraries;
import dev.vetter.policy.internal.PolicyCodec;
import dev.vetter.policy.internal.PolicyVersions;

/**
 * Changes to a tenant's libraries and bizType policies. Each change bumps the tenant's
 * policy version in the same transaction, so every node picks it up for the next scan.
 */
@Service
public class PolicyAdministration {

	private static final String NAME = "[A-Za-z0-9_.-]{1,64}";

	private final Libraries libraries;

	private final BizTypes bizTypes;

	private final PolicyVersions versions;

	private final PolicyCodec codec;

	private final PolicyCatalog catalog;

	private final int maxTermLength;

	private final int maxEntriesPerRequest;

	private final int maxEntriesPerLibrary;

	PolicyAdministration(Libraries libraries, BizTypes bizTypes, PolicyVersions versions, PolicyCodec codec,
			PolicyCatalog catalog, PolicyProperties limits) {
		this.libraries = libraries;
		this.bizTypes = bizTypes;
		this.versions = versions;
		this.codec = codec;
		this.catalog = catalog;
		this.maxTermLength = limits.maxTermLength();
		this.maxEntriesPerRequest = limits.maxEntriesPerRequest();
		this.maxEntriesPerLibrary = limits.maxEntriesPerLibrary();
	}

	@Transactional
	public Library createLibrary(long tenantId, String name, LibraryKind kind, LibraryAction action) {
		return createLibrary(tenantId, name, kind, action, null);
	}

	/**
	 * @param maxDistance IMAGE libraries only: the largest PDQ distance that matches,
	 * 0..255 (null: {@value dev.vetter.detection.PdqHash#DEFAULT_MATCH_DISTANCE})
	 */
	@Transactional
	public Library createLibrary(long tenantId, String name, LibraryKind kind, LibraryAction action,
			Integer maxDistance) {
		if (name == null || !name.matches(NAME)) {
			throw new InvalidInput("name must be 1-64 characters of letters, digits, _ . -");
		}
		if (kind == null || action == null) {
			throw new InvalidInput("kind (TEXT|IMAGE) and action (BLOCK|REVIEW|PASS) are required");
		}
		if (kind == LibraryKind.TEXT && maxDistance != null) {
			throw new InvalidInput("maxDistance: applies to IMAGE libraries only");
		}
		if (maxDistance != null && (maxDistance < 0 || maxDistance > 255)) {
			throw new InvalidInput("maxDistance: must be from 0 to 255 (PDQ bits that may differ), was " + maxDistance);
		}
		if (kind == LibraryKind.IMAGE && maxDistance == null) {
			maxDistance = PdqHash.DEFAULT_MATCH_DISTANCE;
		}
		long id = libraries.create(tenantId, name, kind, action, maxDistance);
		if (id < 0) {
			throw new InvalidInput(ProblemCode.CONFLICT, "a library named '" + name + "' exists already");
		}
		changed(tenantId);
		return library(tenantId, id);
	}

	public Library library(long tenantId, long id) {
		return libraries.byId(tenantId, id).orElseThrow(() -> new NotFound("library " + id));
	}

	public List<Library> libraries(long tenantId) {
		return libraries.of(tenantId);
	}

	public List<String> entries(long tenantId, long id, int offset, int limit) {
		checkPage(offset, limit);
		Library library = library(tenantId, id);
		if (library.kind() == LibraryKind.IMAGE) {
			return libraries.imageEntries(id, offset, limit).stream().map(ImageEntry::hash).toList();
		}
		return libraries.entries(id, offset, limit);
	}

	/** A page of an IMAGE library's entries (hashes with their sources). */
	public List<ImageEntry> imageEntries(long tenantId, long id, int offset, int limit) {
		checkPage(offset, limit);
		imageLibrary(tenantId, id);
		return libraries.imageEntries(id, offset, limit);
	}

	private static void checkPage(int offset, int limit) {
		if (offset < 0) {
			throw new InvalidInput("offset must be 0 or more");
		}
		if (limit < 1 || limit > 1000) {
			throw new InvalidInput("limit must be 1-1000");
		}
	}

	/** The tenant's library {@code id}, which must be an IMAGE library. */
	public Library imageLibrary(long tenantId, long id) {
		Library library = library(tenantId, id);
		if (library.kind() != LibraryKind.IMAGE) {
			throw new InvalidInput("library " + id + " is a TEXT library: it takes \"entries\", not images");
		}
		return library;
	}

	/**
	 * Stores hashed images in an IMAGE library (one already there is reported, not added
	 * twice). Effective for the next scan.
	 */
	@Transactional
	public List<ImageLibraries.Added> addImages(long tenantId, long libraryId, List<HashedImage> images) {
		Library library = imageLibrary(tenantId, libraryId);
		if (library.entries() + images.size() > maxEntriesPerLibrary) {
			throw new InvalidInput(ProblemCode.TOO_LARGE,
					"a library holds at most " + maxEntriesPerLibrary + " entries");
		}
		List<ImageLibraries.Added> out = new ArrayList<>(images.size());
		for (HashedImage image : images) {
			Libraries.StoredImage stored = libraries.addImage(libraryId, image.hash(), image.source(), image.sha256());
			out.add(new ImageLibraries.Added(image, stored.id(), stored.added()));
		}
		if (out.stream().anyMatch(ImageLibraries.Added::added)) {
			changed(tenantId);
		}
		return out;
	}

	/**
	 * Removes IMAGE-library entries by id or by hash (64 hex digits); how many there
	 * were.
	 */
	@Transactional
	public int removeImages(long tenantId, long libraryId, List<Long> ids, List<String> hashes) {
		imageLibrary(tenantId, libraryId);
		boolean noIds = ids == null || ids.isEmpty();
		boolean noHashes = hashes == null || hashes.isEmpty();
		if (noIds && noHashes) {
			throw new InvalidInput("ids (entry ids) or entries (hashes) must be a non-empty array");
		}
		int count = (noIds ? 0 : ids.size()) + (noHashes ? 0 : hashes.size());
		if (count > maxEntriesPerRequest) {
			throw new InvalidInput(ProblemCode.TOO_LARGE, "at most " + maxEntriesPerRequest + " entries per request");
		}
		int removed = 0;
		if (!noIds) {
			if (ids.stream().anyMatch(java.util.Objects::isNull)) {
				throw new InvalidInput("ids must not hold null");
			}
			removed += libraries.removeImages(libraryId, ids);
		}
		if (!noHashes) {
			List<PdqHash> parsed = new ArrayList<>(hashes.size());
			for (String hex : hashes) {
				if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
					throw new InvalidInput("entries: an image entry is its PDQ hash, 64 hex digits");
				}
				parsed.add(PdqHash.fromHex(hex, 0));
			}
			removed += libraries.removeImageHashes(libraryId, parsed);
		}
		changed(tenantId);
		return removed;
	}

	/**
	 * The tenant's IMAGE library of that name and action, created when missing (feedback
	 * libraries).
	 * @throws InvalidInput (conflict) when the name is taken by a library of another kind
	 * or action
	 */
	@Transactional
	public Library ensureImageLibrary(long tenantId, String name, LibraryAction action) {
		Optional<Library> existing = libraries.byName(tenantId, name);
		if (existing.isEmpty()) {
			libraries.create(tenantId, name, LibraryKind.IMAGE, action, PdqHash.DEFAULT_MATCH_DISTANCE);
			existing = libraries.byName(tenantId, name);
			changed(tenantId);
		}
		Library library = existing.orElseThrow();
		if (library.kind() != LibraryKind.IMAGE || library.action() != action) {
			throw new InvalidInput(ProblemCode.CONFLICT, "the library '" + name + "' is a " + library.kind() + "/"
					+ library.action() + " library; feedback needs it to be IMAGE/" + action);
		}
		return library;
	}

	@Transactional
	public void deleteLibrary(long tenantId, long id) {
		if (!libraries.delete(tenantId, id)) {
			throw new NotFound("library " + id);
		}
		changed(tenantId);
	}

	/** Adds entries; returns how many were new. Effective for the next scan. */
	@Transactional
	public int addEntries(long tenantId, long libraryId, List<String> entries) {
		Library library = library(tenantId, libraryId);
		if (library.kind() == LibraryKind.IMAGE) {
			throw new InvalidInput("library " + libraryId
					+ " is an IMAGE library: add images with \"urls\" or a multipart upload, not \"entries\"");
		}
		List<String> terms = clean(entries);
		if (library.entries() + terms.size() > maxEntriesPerLibrary) {
			throw new InvalidInput(ProblemCode.TOO_LARGE,
					"a library holds at most " + maxEntriesPerLibrary + " entries");
		}
		int added = libraries.addEntries(libraryId, terms);
		changed(tenantId);
		return added;
	}

	@Transactional
	public int removeEntries(long tenantId, long libraryId, List<String> entries) {
		Library library = library(tenantId, libraryId);
		if (library.kind() == LibraryKind.IMAGE) {
			return removeImages(tenantId, libraryId, null, entries);
		}
		int removed = libraries.removeEntries(libraryId, clean(entries));
		changed(tenantId);
		return removed;
	}

	/** Parses the policy strictly (unknown fields are refused) and stores it. */
	@Transactional
	public BizTypePolicy putBizType(long tenantId, String name, String policyJson) {
		return putBizType(tenantId, name, codec.parse(policyJson));
	}

	@Transactional
	public BizTypePolicy putBizType(long tenantId, String name, BizTypePolicy policy) {
		if (name == null || !name.matches(NAME)) {
			throw new InvalidInput("bizType name must be 1-64 characters of letters, digits, _ . -");
		}
		bizTypes.put(tenantId, name, codec.write(policy));
		changed(tenantId);
		return policy;
	}

	public Optional<BizTypePolicy> bizType(long tenantId, String name) {
		return bizTypes.byName(tenantId, name).map(s -> codec.read(s.policyJson()));
	}

	public Map<String, BizTypePolicy> bizTypes(long tenantId) {
		Map<String, BizTypePolicy> all = new TreeMap<>();
		bizTypes.of(tenantId).forEach(s -> all.put(s.name(), codec.read(s.policyJson())));
		return all;
	}

	@Transactional
	public void deleteBizType(long tenantId, String name) {
		if (!bizTypes.delete(tenantId, name)) {
			throw new NotFound("bizType " + name);
		}
		changed(tenantId);
	}

	private List<String> clean(List<String> entries) {
		if (entries == null || entries.isEmpty()) {
			throw new InvalidInput("entries must be a non-empty array of strings");
		}
		if (entries.size() > maxEntriesPerRequest) {
			throw new InvalidInput(ProblemCode.TOO_LARGE, "at most " + maxEntriesPerRequest + " entries per request");
		}
		LinkedHashSet<String> terms = new LinkedHashSet<>();
		for (String entry : entries) {
			if (entry == null || entry.isBlank()) {
				throw new InvalidInput("entries must not be null or blank");
			}
			String term = entry.strip();
			if (term.length() > maxTermLength) {
				throw new InvalidInput("an entry is at most " + maxTermLength + " characters");
			}
			terms.add(term);
		}
		return new ArrayList<>(terms);
	}

	private void changed(long tenantId) {
		versions.bump(tenantId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					catalog.evict(tenantId);
				}
			});
		}
		else {
			catalog.evict(tenantId);
		}
	}

}
