package org.metahub.filters.fetch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code metahub.manifest.cache} (counter by result: hit, miss, revalidated, stale),
 * {@code metahub.manifest.stale} (manifests served stale because the upstream failed),
 * {@code metahub.singleflight.shared} (requests that joined an upstream fetch already in flight) and
 * {@code metahub.manifest.cache.errors} (cache reads or writes that failed and fell back).
 */
public class ManifestCacheMetrics {

	public static final String HIT = "hit";

	public static final String MISS = "miss";

	public static final String REVALIDATED = "revalidated";

	public static final String STALE = "stale";

	private final MeterRegistry registry;

	public ManifestCacheMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void result(String result) {
		Counter.builder("metahub.manifest.cache")
			.description("Manifest requests by how the cache answered them")
			.tag("result", result)
			.register(registry)
			.increment();
		if (STALE.equals(result)) {
			Counter.builder("metahub.manifest.stale")
				.description("Manifests served from the cache because the upstream failed")
				.register(registry)
				.increment();
		}
	}

	void shared() {
		Counter.builder("metahub.singleflight.shared")
			.description("Manifest requests that shared an upstream fetch already in flight")
			.register(registry)
			.increment();
	}

	void cacheError() {
		Counter.builder("metahub.manifest.cache.errors")
			.description("Cache reads or writes that failed; the request went on without the cache")
			.register(registry)
			.increment();
	}

}
