package org.metahub.filters.fetch;

import reactor.core.publisher.Mono;

/**
 * Opaque cache entries by key. Implementations may fail (Redis down); {@link ManifestCache} treats a
 * failure as a miss, since the cache is an optimisation and the upstream still answers.
 */
public interface ManifestCacheStore {

	/** The value, or empty when the key is unknown or has expired. */
	Mono<byte[]> get(String key);

	Mono<Void> put(String key, byte[] value);

}
