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
		if (name == null || !name.matches(NAME)) {
			throw new InvalidInput("name must be 1-64 characters of letters, digits, _ . -");
		}
		if (kind == null || action == null) {
			throw new InvalidInput("kind (TEXT|IMAGE) and action (BLOCK|REVIEW|PASS) are required");
		}
		long id = libraries.create(tenantId, name, kind, action);
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
		if (offset < 0) {
			throw new InvalidInput("offset must be 0 or more");
		}
		if (limit < 1 || limit > 1000) {
			throw new InvalidInput("limit must be 1-1000");
		}
		library(tenantId, id);
		return libraries.entries(id, offset, limit);
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
		library(tenantId, libraryId);
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
