package org.metahub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The cache of upstream manifests ({@code metahub.manifest.*}, next to {@link ManifestProperties}).
 *
 * @param tagFreshness how long a tag's cached answer is served without asking the upstream; after it
 *     a {@code HEAD} revalidates the tag's digest
 * @param cacheEntries most entries (manifests, tags, rewritten results) the in-memory cache keeps
 * @param cacheBytes most manifest bytes the in-memory cache keeps
 * @param cacheTtl how long Redis keeps a cached entry; a tag older than its freshness is still served
 *     when the upstream fails (stale-if-error) as long as it is kept
 */
@ConfigurationProperties("metahub.manifest")
public record ManifestCacheProperties(
		@DefaultValue("30s") Duration tagFreshness,
		@DefaultValue("10000") int cacheEntries,
		@DefaultValue("64MB") DataSize cacheBytes,
		@DefaultValue("7d") Duration cacheTtl) {

	public ManifestCacheProperties {
		if (tagFreshness == null || tagFreshness.isNegative()) {
			throw new IllegalArgumentException("metahub.manifest.tag-freshness must be zero or positive, got " + tagFreshness);
		}
		if (cacheEntries < 1) {
			throw new IllegalArgumentException("metahub.manifest.cache-entries must be at least 1, got " + cacheEntries);
		}
		if (cacheBytes == null || cacheBytes.toBytes() < 1024) {
			throw new IllegalArgumentException("metahub.manifest.cache-bytes must be at least 1KB, got " + cacheBytes);
		}
		if (cacheTtl == null || cacheTtl.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("metahub.manifest.cache-ttl must be at least 1m, got " + cacheTtl);
		}
	}

}
