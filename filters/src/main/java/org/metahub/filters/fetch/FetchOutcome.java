package org.metahub.filters.fetch;

/**
 * The answer to a manifest request: a checked manifest (fresh, cached or stale), or the upstream's
 * own non-200 answer to pass through.
 *
 * @param manifest the manifest, or {@code null} when passing through
 * @param passThrough the upstream's answer, or {@code null} when there is a manifest
 * @param result how the cache answered, one of the {@link ManifestCacheMetrics} results
 */
public record FetchOutcome(CachedManifest manifest, UpstreamAnswer passThrough, String result) {

	static FetchOutcome manifest(CachedManifest manifest, String result) {
		return new FetchOutcome(manifest, null, result);
	}

	static FetchOutcome passThrough(UpstreamAnswer answer) {
		return new FetchOutcome(null, answer, ManifestCacheMetrics.MISS);
	}

	public boolean stale() {
		return ManifestCacheMetrics.STALE.equals(result);
	}

}
