package org.metahub.filters.blobcache;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.metahub.filters.blobcache.BlobWriteException.Reason;

/**
 * A store's accounting: the size and last-use order of each entry, and the room its writes in progress
 * hold, so that entries and writes together never exceed the maximum.
 */
final class BlobIndex {

	/** Puts a verified blob in place; runs under the index's lock so no eviction sees it half placed. */
	interface Placement {

		void place() throws IOException;

	}

	private final Map<BlobDigest, Long> entries = new LinkedHashMap<>(16, 0.75f, true);

	private final long maxSize;

	private final Consumer<BlobDigest> onEvict;

	private long entryBytes;

	private long reservedBytes;

	private long evictions;

	BlobIndex(long maxSize, Consumer<BlobDigest> onEvict) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("a blob store needs room for at least one byte, got " + maxSize);
		}
		this.maxSize = maxSize;
		this.onEvict = onEvict;
	}

	/** The entry's size, marking it as just used. */
	synchronized OptionalLong use(BlobDigest digest) {
		Long size = entries.get(digest);
		return size == null ? OptionalLong.empty() : OptionalLong.of(size);
	}

	/** Holds room for bytes about to be written, evicting the least recently used entries to make it. */
	synchronized void reserve(long bytes) throws BlobWriteException {
		if (bytes > maxSize) {
			throw new BlobWriteException(Reason.TOO_LARGE, bytes + " bytes exceed the store's " + maxSize);
		}
		while (entryBytes + reservedBytes + bytes > maxSize) {
			if (entries.isEmpty()) {
				throw new BlobWriteException(Reason.NO_ROOM, "writes in progress hold the room for " + bytes + " more bytes");
			}
			evictEldest();
		}
		reservedBytes += bytes;
	}

	synchronized void release(long bytes) {
		reservedBytes -= bytes;
	}

	/**
	 * Turns a write's reserved room into an entry of {@code size} bytes, placing it unless it already
	 * is one. The reservation is released whatever happens.
	 * @return whether it was placed (false: the entry was already there)
	 */
	synchronized boolean commit(BlobDigest digest, long size, long reservation, Placement placement) throws IOException {
		try {
			if (entries.get(digest) != null) {
				return false;
			}
			placement.place();
			entries.put(digest, size);
			entryBytes += size;
			return true;
		}
		finally {
			reservedBytes -= reservation;
		}
	}

	/** Takes back an entry found at start; call oldest first. Evicts down to the maximum. */
	synchronized void restore(BlobDigest digest, long size) {
		if (entries.putIfAbsent(digest, size) == null) {
			entryBytes += size;
		}
		while (entryBytes > maxSize) {
			evictEldest();
		}
	}

	/** Drops an entry whose bytes turned out to be gone. */
	synchronized void forget(BlobDigest digest) {
		Long size = entries.remove(digest);
		if (size != null) {
			entryBytes -= size;
		}
	}

	synchronized long size() {
		return entryBytes + reservedBytes;
	}

	synchronized int entries() {
		return entries.size();
	}

	long maxSize() {
		return maxSize;
	}

	/** Entries evicted to make room (not those found gone). */
	synchronized long evictions() {
		return evictions;
	}

	private void evictEldest() {
		Iterator<Map.Entry<BlobDigest, Long>> eldest = entries.entrySet().iterator();
		Map.Entry<BlobDigest, Long> entry = eldest.next();
		eldest.remove();
		entryBytes -= entry.getValue();
		evictions++;
		onEvict.accept(entry.getKey());
	}

}
