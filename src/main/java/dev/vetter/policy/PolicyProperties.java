package dev.vetter.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and timing of policies and libraries.
 *
 * @param maxTermLength characters of one library entry
 * @param maxEntriesPerRequest entries added or removed in one request (more:
 * {@code too-large})
 * @param maxEntriesPerLibrary entries a library holds at most (more: {@code too-large})
 * @param refreshInterval how often a node checks whether another node changed a tenant's
 * policy
 * @param cacheMaxTerms compiled policies kept in memory, weighed by library terms
 * @param cacheIdle a tenant's compiled policies are dropped after this long unused
 * @param cacheMaxHashes image-library hashes kept indexed in memory, over all tenants
 * (about 250 bytes each)
 * @param maxImagesPerRequest image URLs or files added to a library in one request
 * @param imageMinQuality PDQ quality (0..100) an image needs to be added to a library or
 * matched against one: flat, featureless images hash to noise
 */
@ConfigurationProperties("vetter.policy")
public record PolicyProperties(@DefaultValue("256") int maxTermLength, @DefaultValue("10000") int maxEntriesPerRequest,
		@DefaultValue("200000") int maxEntriesPerLibrary, @DefaultValue("1s") Duration refreshInterval,
		@DefaultValue("5000000") long cacheMaxTerms, @DefaultValue("1h") Duration cacheIdle,
		@DefaultValue("2000000") long cacheMaxHashes, @DefaultValue("100") int maxImagesPerRequest,
		@DefaultValue("50") int imageMinQuality) {
}
