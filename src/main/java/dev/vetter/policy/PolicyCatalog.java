package dev.vetter.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextTermSet;
import dev.vetter.policy.internal.BizTypes;
import dev.vetter.policy.internal.Libraries;
import dev.vetter.policy.internal.PolicyCodec;
import dev.vetter.policy.internal.PolicyVersions;

/**
 * Compiled policies for the scan hot path. A tenant's libraries and bizTypes are loaded
 * and compiled once and kept until the tenant's policy version changes. Changes made on
 * this node are seen by the next scan; changes made on another node within
 * {@code vetter.policy.refresh-interval} (default 1 s), because each node re-reads the
 * version number at most that often.
 * <p>
 * The cache is a Caffeine cache bounded by weight (about one unit per library term,
 * {@code vetter.policy.cache-max-terms}) and by idle time
 * ({@code vetter.policy.cache-idle}). Loading is per tenant: a tenant whose policies are
 * being compiled never holds up another tenant's scans.
 * <p>
 * A tenant's IMAGE-library hashes sit in a second Caffeine cache, weighed by hashes
 * ({@code vetter.policy.cache-max-hashes}): loaded on the first image scan of a policy
 * version (a tenant without image libraries loads nothing) into one
 * {@link ImageLibraryIndex}, which every bizType filters by the libraries it applies.
 */
@Service
public class PolicyCatalog {

	private static final Logger log = LoggerFactory.getLogger(PolicyCatalog.class);

	/** Everything compiled for one tenant at one policy version. */
	private static final class TenantPolicies {

		final long version;

		volatile long checkedAt;

		final Map<String, BizTypePolicy> bizTypes;

		final List<Library> libraries;

		final List<Library> imageLibraries;

		final Map<Long, List<String>> entries;

		final Map<String, TextPolicy> compiled = new ConcurrentHashMap<>();

		final Map<String, TextTermSet> termSets = new ConcurrentHashMap<>();

		TenantPolicies(long version, long checkedAt, Map<String, BizTypePolicy> bizTypes, List<Library> libraries,
				List<Library> imageLibraries, Map<Long, List<String>> entries) {
			this.version = version;
			this.checkedAt = checkedAt;
			this.bizTypes = bizTypes;
			this.libraries = libraries;
			this.imageLibraries = imageLibraries;
			this.entries = entries;
		}

		/** About one unit per term, bizType and library. */
		int weight() {
			long terms = entries.values().stream().mapToLong(List::size).sum();
			return (int) Math.min(Integer.MAX_VALUE, 1 + terms + bizTypes.size() + libraries.size());
		}

	}

	private final Libraries libraries;

	private final BizTypes bizTypes;

	private final PolicyVersions versions;

	private final PolicyCodec codec;

	private final long refreshNanos;

	private final int imageMinQuality;

	private final TextDetector detector;

	private final Cache<Long, TenantPolicies> cache;

	/** A tenant's image-library index at one policy version. */
	private record TenantImages(long version, ImageLibraryIndex index) {
	}

	private final Cache<Long, TenantImages> images;

	PolicyCatalog(Libraries libraries, BizTypes bizTypes, PolicyVersions versions, PolicyCodec codec,
			PolicyProperties properties, TextDetector detector) {
		this.detector = detector;
		this.libraries = libraries;
		this.bizTypes = bizTypes;
		this.versions = versions;
		this.codec = codec;
		this.refreshNanos = properties.refreshInterval().toNanos();
		this.imageMinQuality = properties.imageMinQuality();
		this.cache = Caffeine.newBuilder()
			.maximumWeight(properties.cacheMaxTerms())
			.weigher((Long tenant, TenantPolicies p) -> p.weight())
			.expireAfterAccess(properties.cacheIdle())
			.build();
		this.images = Caffeine.newBuilder()
			.maximumWeight(properties.cacheMaxHashes())
			.weigher((Long tenant, TenantImages i) -> 1 + i.index().size())
			.expireAfterAccess(properties.cacheIdle())
			.build();
	}

	/**
	 * The text policy of {@code bizType}; an unknown or absent bizType gets the default
	 * policy.
	 */
	public TextPolicy textPolicy(long tenantId, String bizType) {
		TenantPolicies policies = current(tenantId);
		String name = bizType == null || bizType.isBlank() || !policies.bizTypes.containsKey(bizType) ? "default"
				: bizType;
		return policies.compiled.computeIfAbsent(name, n -> compile(policies, n));
	}

	/**
	 * The image policy of {@code bizType} (an unknown or absent bizType gets the default
	 * policy): the IMAGE libraries it applies and the tenant's hash index.
	 */
	public ImagePolicy imagePolicy(long tenantId, String bizType) {
		TenantPolicies policies = current(tenantId);
		String name = bizType == null || bizType.isBlank() || !policies.bizTypes.containsKey(bizType) ? "default"
				: bizType;
		BizTypePolicy policy = policies.bizTypes.getOrDefault(name, BizTypePolicy.DEFAULT);
		List<Library> applied = policies.imageLibraries.stream().filter(l -> policy.appliesTo(l.name())).toList();
		if (applied.isEmpty()) {
			return new ImagePolicy(name, policy, ImageLibraryIndex.EMPTY, applied, imageMinQuality);
		}
		return new ImagePolicy(name, policy, imageIndex(tenantId, policies), applied, imageMinQuality);
	}

	private ImageLibraryIndex imageIndex(long tenantId, TenantPolicies policies) {
		TenantImages loaded = images.get(tenantId, id -> loadImages(id, policies));
		if (loaded.version() < policies.version) {
			images.asMap().remove(tenantId, loaded);
			loaded = images.get(tenantId, id -> loadImages(id, policies));
		}
		return loaded.index();
	}

	private TenantImages loadImages(long tenantId, TenantPolicies policies) {
		long started = System.nanoTime();
		List<ImageLibraryIndex.Entry> entries = new ArrayList<>();
		libraries.forEachImage(tenantId,
				(lib, entry, hash) -> entries.add(new ImageLibraryIndex.Entry(lib, entry, hash)));
		ImageLibraryIndex index = ImageLibraryIndex.of(policies.imageLibraries, entries);
		log.debug("Indexed {} image hashes of tenant {} at version {} in {} ms", entries.size(), tenantId,
				policies.version, (System.nanoTime() - started) / 1_000_000);
		return new TenantImages(policies.version, index);
	}

	/** Forgets what this node compiled for the tenant; the next scan reloads. */
	void evict(long tenantId) {
		cache.invalidate(tenantId);
		images.invalidate(tenantId);
	}

	private TenantPolicies current(long tenantId) {
		long now = System.nanoTime();
		TenantPolicies cached = cache.getIfPresent(tenantId);
		if (cached != null && now - cached.checkedAt < refreshNanos) {
			return cached;
		}
		long version = versions.current(tenantId);
		if (cached != null && cached.version == version) {
			cached.checkedAt = now;
			return cached;
		}
		if (cached != null) {
			// stale: drop it (unless another thread replaced it already) and load once
			cache.asMap().remove(tenantId, cached);
		}
		TenantPolicies loaded = cache.get(tenantId, id -> load(id, version, now));
		if (loaded.version < version) {
			// another thread loaded an older version meanwhile
			cache.asMap().remove(tenantId, loaded);
			loaded = cache.get(tenantId, id -> load(id, version, now));
		}
		return loaded;
	}

	private TenantPolicies load(long tenantId, long version, long now) {
		long started = System.nanoTime();
		Map<String, BizTypePolicy> types = new HashMap<>();
		for (BizTypes.Stored stored : bizTypes.of(tenantId)) {
			types.put(stored.name(), codec.read(stored.policyJson()));
		}
		List<Library> all = libraries.of(tenantId);
		List<Library> libs = all.stream().filter(l -> l.kind() == LibraryKind.TEXT).toList();
		List<Library> imageLibs = all.stream().filter(l -> l.kind() == LibraryKind.IMAGE).toList();
		Map<Long, List<String>> entries = new HashMap<>();
		libraries.forEachEntry(tenantId, LibraryKind.TEXT,
				(lib, term) -> entries.computeIfAbsent(lib, k -> new ArrayList<>()).add(term));
		log.debug("Loaded policies of tenant {} at version {} in {} ms", tenantId, version,
				(System.nanoTime() - started) / 1_000_000);
		return new TenantPolicies(version, now, Map.copyOf(types), libs, imageLibs, entries);
	}

	private TextPolicy compile(TenantPolicies policies, String name) {
		BizTypePolicy policy = policies.bizTypes.getOrDefault(name, BizTypePolicy.DEFAULT);
		List<Library> applied = policies.libraries.stream().filter(l -> policy.appliesTo(l.name())).toList();
		String key = applied.stream().map(l -> Long.toString(l.id())).collect(Collectors.joining(","));
		TextTermSet terms = policies.termSets.computeIfAbsent(key, k -> {
			List<TextTerm> all = new ArrayList<>();
			for (Library library : applied) {
				LibrarySource source = library.source();
				for (String term : policies.entries.getOrDefault(library.id(), List.of())) {
					all.add(new TextTerm(term, "customized", source));
				}
			}
			return detector.compile(all);
		});
		return new TextPolicy(name, policy, terms);
	}

}
