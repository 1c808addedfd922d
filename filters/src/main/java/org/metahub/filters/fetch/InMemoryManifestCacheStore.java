package org.metahub.filters.fetch;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

/** The in-memory twin of the Redis cache: least recently used entries go first, bounded by count and bytes. */
public final class InMemoryManifestCacheStore implements ManifestCacheStore {

	private final Map<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);

	private final int maxEntries;

	private final long maxBytes;

	private long bytes;

	public InMemoryManifestCacheStore(int maxEntries, long maxBytes) {
		if (maxEntries < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("the manifest cache needs room for at least one entry");
		}
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<byte[]> get(String key) {
		return Mono.fromSupplier(() -> {
			synchronized (entries) {
				return entries.get(key);
			}
		});
	}

	@Override
	public Mono<Void> put(String key, byte[] value) {
		return Mono.fromRunnable(() -> {
			if (value.length > maxBytes) {
				return;
			}
			synchronized (entries) {
				byte[] previous = entries.put(key, value);
				bytes += value.length - (previous == null ? 0 : previous.length);
				Iterator<byte[]> eldest = entries.values().iterator();
				while (entries.size() > maxEntries || bytes > maxBytes) {
					bytes -= eldest.next().length;
					eldest.remove();
				}
			}
		});
	}

	/** Bytes held, for tests of the bound. */
	long bytes() {
		synchronized (entries) {
			return bytes;
		}
	}

}
