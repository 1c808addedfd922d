package org.metahub.filters.manifest;

import reactor.core.publisher.Mono;

/**
 * Rewritten lists by repository name and digest, so that a client that resolved a tag can fetch the
 * list again by the digest it was told. The name is qualified by the upstream ({@link #qualified}): a list is
 * answered only under the upstream and repository it was made for. Implementations raise
 * {@code MANIFEST_STORE_UNAVAILABLE} when they cannot be asked: callers fail closed.
 */
public interface ManifestStore {

	/** The name a list is stored under: the repository within the upstream of that (configured) name. */
	static String qualified(String upstream, String repository) {
		return upstream + "/" + repository;
	}

	Mono<Void> save(String name, String digest, StoredManifest manifest);

	/** The stored list, or empty when the digest was never served for that name (or has expired). */
	Mono<StoredManifest> find(String name, String digest);

}
