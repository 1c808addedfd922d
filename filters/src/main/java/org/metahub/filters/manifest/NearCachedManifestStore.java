package org.metahub.filters.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.LogFactory;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

/**
 * A shared store (Redis) with a bounded in-memory copy in front: stored lists are immutable (their key
 * holds their digest), so a replica can keep what it has read and skip the round trip next time. While the
 * shared store cannot be asked ({@link StoreOutage}), lists are saved and found in memory only; a list saved
 * that way is written to the shared store the next time it is found once that answers, for the other replicas.
 */
public final class NearCachedManifestStore implements ManifestStore {

	private record Key(String name, String digest) {
	}

	private final ManifestStore shared;

	private final InMemoryManifestStore near;

	private final Set<Key> unshared;

	private final StoreOutage outage = new StoreOutage(LogFactory.getLog(NearCachedManifestStore.class),
			"The store of rewritten lists cannot be reached, lists are kept in this replica's memory until it answers",
			"The store of rewritten lists answers again");

	public NearCachedManifestStore(ManifestStore shared, int nearEntries) {
		this.shared = shared;
		this.near = new InMemoryManifestStore(nearEntries);
		this.unshared = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
				return size() > nearEntries;
			}
		}));
	}

	@Override
	public Mono<Void> save(String name, String digest, StoredManifest manifest) {
		return near.save(name, digest, manifest).then(share(new Key(name, digest), manifest));
	}

	@Override
	public Mono<StoredManifest> find(String name, String digest) {
		Key key = new Key(name, digest);
		return near.find(name, digest)
			.flatMap(found -> unshared.contains(key) ? share(key, found).thenReturn(found) : Mono.just(found))
			.switchIfEmpty(Mono.defer(() -> findShared(key)));
	}

	private Mono<StoredManifest> findShared(Key key) {
		if (outage.skip()) {
			return Mono.empty();
		}
		return shared.find(key.name(), key.digest())
			.doOnSuccess(found -> outage.answered())
			.onErrorResume(NearCachedManifestStore::unavailable, failure -> {
				outage.failed(failure);
				return Mono.empty();
			})
			.flatMap(found -> near.save(key.name(), key.digest(), found).thenReturn(found));
	}

	private Mono<Void> share(Key key, StoredManifest manifest) {
		if (outage.skip()) {
			unshared.add(key);
			return Mono.empty();
		}
		return shared.save(key.name(), key.digest(), manifest).doOnSuccess(done -> {
			unshared.remove(key);
			outage.answered();
		}).onErrorResume(NearCachedManifestStore::unavailable, failure -> {
			unshared.add(key);
			outage.failed(failure);
			return Mono.empty();
		});
	}

	private static boolean unavailable(Throwable failure) {
		return failure instanceof OciException oci && oci.error() == OciError.MANIFEST_STORE_UNAVAILABLE;
	}

}
