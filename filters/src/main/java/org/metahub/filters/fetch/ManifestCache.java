package org.metahub.filters.fetch;

import java.time.Duration;
import java.util.function.Predicate;

import org.apache.commons.logging.LogFactory;
import org.metahub.filters.manifest.StoreOutage;
import reactor.core.publisher.Mono;

/**
 * Typed entries over a {@link ManifestCacheStore}: manifests by digest, tags, and the digest a list
 * was rewritten to for a machine type. The cache is an optimisation: when the store fails or is slow,
 * reads are misses and writes are dropped, and the request goes to the upstream (logged once per outage).
 */
public class ManifestCache {

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

	private final ManifestCacheStore store;

	private final ManifestCacheStore near;

	private final ManifestCacheMetrics metrics;

	private final StoreOutage outage = new StoreOutage(LogFactory.getLog(ManifestCache.class),
			"The manifest cache cannot be used, requests go to the upstream until it answers again",
			"The manifest cache answers again");

	public ManifestCache(ManifestCacheStore store, ManifestCacheMetrics metrics) {
		this(store, null, metrics);
	}

	/**
	 * @param near a bounded in-memory copy in front of a shared store, of the immutable entries (by digest,
	 * rewrites) and of tags within their freshness, or {@code null} when the store is in memory already
	 */
	public ManifestCache(ManifestCacheStore store, ManifestCacheStore near, ManifestCacheMetrics metrics) {
		this.store = store;
		this.near = near;
		this.metrics = metrics;
	}

	Mono<CachedManifest> findDigest(ManifestRequest request, String digest) {
		return getImmutable(request.digestKey(digest)).map(CachedManifest::decode);
	}

	Mono<Void> saveDigest(ManifestRequest request, CachedManifest manifest) {
		return putBoth(request.digestKey(manifest.digest()), manifest.encode());
	}

	/** A tag's entry as the shared store holds it, fresh or not. */
	Mono<TagEntry> findTag(ManifestRequest request) {
		return get(request.tagKey()).map(TagEntry::decode);
	}

	/**
	 * A tag's entry while it is fresh, from the near copy when it holds a fresh one. Serving it keeps the
	 * freshness promise: the upstream confirmed the tag within the freshness, even if another replica has
	 * seen it move since.
	 */
	Mono<TagEntry> findFreshTag(ManifestRequest request, Predicate<TagEntry> fresh) {
		if (near == null) {
			return findTag(request).filter(fresh);
		}
		String key = request.tagKey();
		return near.get(key).map(TagEntry::decode).filter(fresh).switchIfEmpty(Mono.defer(() -> get(key)
			.flatMap(found -> near.put(key, found).thenReturn(found))
			.map(TagEntry::decode)
			.filter(fresh)));
	}

	Mono<Void> saveTag(ManifestRequest request, TagEntry entry) {
		return putBoth(request.tagKey(), entry.encode());
	}

	/** The digest of the list rewritten for a machine type, by the upstream list's digest. */
	public Mono<String> findRewritten(String key) {
		return getImmutable(key).map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
	}

	public Mono<Void> saveRewritten(String key, String digest) {
		return putBoth(key, digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	// entries whose key names their content never change, so the near copy needs no revalidation
	private Mono<byte[]> getImmutable(String key) {
		if (near == null) {
			return get(key);
		}
		return near.get(key).switchIfEmpty(Mono.defer(() -> get(key)
			.flatMap(found -> near.put(key, found).thenReturn(found))));
	}

	private Mono<Void> putBoth(String key, byte[] value) {
		return near == null ? put(key, value) : put(key, value).then(near.put(key, value));
	}

	private Mono<byte[]> get(String key) {
		if (outage.skip()) {
			return skipped();
		}
		return store.get(key).timeout(STORE_TIMEOUT).doOnSuccess(found -> outage.answered()).onErrorResume(this::failed);
	}

	private Mono<Void> put(String key, byte[] value) {
		if (outage.skip()) {
			return skipped();
		}
		return store.put(key, value).timeout(STORE_TIMEOUT).doOnSuccess(done -> outage.answered()).onErrorResume(this::failed);
	}

	// left alone while it recently failed: counted like a failure, the request goes on without it
	private <T> Mono<T> skipped() {
		metrics.cacheError();
		return Mono.empty();
	}

	private <T> Mono<T> failed(Throwable failure) {
		metrics.cacheError();
		outage.failed(failure);
		return Mono.empty();
	}

}
