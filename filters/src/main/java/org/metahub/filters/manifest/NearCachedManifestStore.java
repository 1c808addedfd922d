package org.metahub.filters.manifest;

import reactor.core.publisher.Mono;

/**
 * A shared store (Redis) with a bounded in-memory copy in front: stored lists are immutable (their key
 * holds their digest), so a replica can keep what it has read and skip the round trip next time.
 */
public final class NearCachedManifestStore implements ManifestStore {

	private final ManifestStore shared;

	private final InMemoryManifestStore near;

	public NearCachedManifestStore(ManifestStore shared, int nearEntries) {
		this.shared = shared;
		this.near = new InMemoryManifestStore(nearEntries);
	}

	@Override
	public Mono<Void> save(String name, String digest, StoredManifest manifest) {
		return shared.save(name, digest, manifest).then(near.save(name, digest, manifest));
	}

	@Override
	public Mono<StoredManifest> find(String name, String digest) {
		return near.find(name, digest)
			.switchIfEmpty(Mono.defer(() -> shared.find(name, digest)
				.flatMap(found -> near.save(name, digest, found).thenReturn(found))));
	}

}
