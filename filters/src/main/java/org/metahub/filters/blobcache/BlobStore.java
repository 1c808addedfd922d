package org.metahub.filters.blobcache;

import java.util.Optional;

/**
 * Verified blobs by digest, bounded in bytes: least recently used entries are evicted first. Calls
 * may block on the disk, so callers run them off the event loop.
 */
public interface BlobStore {

	/** The entry for this digest, marked as just used, or empty. */
	Optional<CachedBlob> find(BlobDigest digest);

	/**
	 * A writer of a new entry, which becomes one only once its bytes match the digest (and the size).
	 * @param expectedSize the size the upstream announced, or {@code -1} when unknown
	 * @throws BlobWriteException when the blob cannot be stored (larger than the store, no room, a write error)
	 */
	BlobWriter writer(BlobDigest digest, long expectedSize) throws BlobWriteException;

	/** Bytes held now: entries and writes in progress. Never more than {@link #maxSize()}. */
	long size();

	long maxSize();

	/** Entries evicted to make room since the store was opened. */
	long evictions();

}
