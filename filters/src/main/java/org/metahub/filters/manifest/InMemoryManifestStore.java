package org.metahub.filters.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

/** The in-memory twin of the Redis store: the most recently used lists, up to a fixed count. */
public final class InMemoryManifestStore implements ManifestStore {

	private record Key(String name, String digest) {
	}

	private final Map<Key, StoredManifest> lists;

	public InMemoryManifestStore(int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("metahub.manifest.store-size must be at least 1, got " + maxEntries);
		}
		this.lists = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, StoredManifest> eldest) {
				return size() > maxEntries;
			}
		};
	}

	@Override
	public Mono<Void> save(String name, String digest, StoredManifest manifest) {
		return Mono.fromRunnable(() -> {
			synchronized (lists) {
				lists.put(new Key(name, digest), manifest);
			}
		});
	}

	@Override
	public Mono<StoredManifest> find(String name, String digest) {
		return Mono.fromSupplier(() -> {
			synchronized (lists) {
				return lists.get(new Key(name, digest));
			}
		});
	}

}
