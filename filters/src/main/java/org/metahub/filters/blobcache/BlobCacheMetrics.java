package org.metahub.filters.blobcache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code metahub.blob-cache.hits}, {@code .misses}, {@code .joins} (clients that joined a fill already
 * running), {@code .bytes} (tag {@code source}: {@code upstream} for the bytes fetched, {@code cache} for
 * those served from entries), {@code .evictions}, and the gauges {@code .size} and {@code .max-size}.
 */
public class BlobCacheMetrics {

	private final Counter hits;

	private final Counter misses;

	private final Counter joins;

	private final Counter upstreamBytes;

	private final Counter cacheBytes;

	public BlobCacheMetrics(MeterRegistry registry, BlobStore store) {
		hits = Counter.builder("metahub.blob-cache.hits")
			.description("Blob requests answered from a cache entry")
			.register(registry);
		misses = Counter.builder("metahub.blob-cache.misses")
			.description("Blob requests that went to the upstream: a new fill, or passed through")
			.register(registry);
		joins = Counter.builder("metahub.blob-cache.joins")
			.description("Blob requests that joined the upstream fetch already running for the digest")
			.register(registry);
		upstreamBytes = bytes(registry, "upstream", "Blob bytes the cache fetched from upstreams");
		cacheBytes = bytes(registry, "cache", "Blob bytes served from cache entries");
		FunctionCounter.builder("metahub.blob-cache.evictions", store, BlobStore::evictions)
			.description("Entries removed to make room")
			.register(registry);
		Gauge.builder("metahub.blob-cache.size", store, BlobStore::size)
			.description("Bytes the cache holds: entries and writes in progress")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("metahub.blob-cache.max-size", store, BlobStore::maxSize)
			.description("Most bytes the cache holds")
			.baseUnit("bytes")
			.register(registry);
	}

	/** Counted nowhere anyone looks: for fills and filters built without a registry. */
	static BlobCacheMetrics unregistered(BlobStore store) {
		return new BlobCacheMetrics(new SimpleMeterRegistry(), store);
	}

	private static Counter bytes(MeterRegistry registry, String source, String description) {
		return Counter.builder("metahub.blob-cache.bytes")
			.description(description)
			.baseUnit("bytes")
			.tag("source", source)
			.register(registry);
	}

	void hit() {
		hits.increment();
	}

	void miss() {
		misses.increment();
	}

	void join() {
		joins.increment();
	}

	void fromUpstream(long bytes) {
		upstreamBytes.increment(bytes);
	}

	void fromCache(long bytes) {
		cacheBytes.increment(bytes);
	}

}
