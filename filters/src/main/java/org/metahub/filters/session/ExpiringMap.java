package org.metahub.filters.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/** A bounded in-memory map whose entries expire; when full, the oldest entry makes room. */
public final class ExpiringMap<K, V> {

	private final int maxSize;

	private final Clock clock;

	private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

	public ExpiringMap(int maxSize, Clock clock) {
		this.maxSize = maxSize;
		this.clock = clock;
	}

	public synchronized void put(K key, V value, Instant expiresAt) {
		if (maxSize == 0) {
			return;
		}
		entries.remove(key);
		if (entries.size() >= maxSize) {
			removeExpired();
		}
		if (entries.size() >= maxSize) {
			Iterator<K> oldest = entries.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		entries.put(key, new Entry<>(value, expiresAt));
	}

	public synchronized Optional<V> get(K key) {
		Entry<V> entry = entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		if (!clock.instant().isBefore(entry.expiresAt())) {
			entries.remove(key);
			return Optional.empty();
		}
		return Optional.of(entry.value());
	}

	public synchronized int size() {
		return entries.size();
	}

	private void removeExpired() {
		Instant now = clock.instant();
		entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
	}

	private record Entry<V>(V value, Instant expiresAt) {
	}

	@Override
	public synchronized String toString() {
		return "ExpiringMap[size=" + entries.size() + ", maxSize=" + maxSize + "]";
	}

}
