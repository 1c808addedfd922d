package org.metahub.filters.blobcache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of the {@link DiskBlobStore}, bounded the same way: for tests and gateways without a disk. */
public final class InMemoryBlobStore implements BlobStore {

	private final Map<BlobDigest, byte[]> blobs = new ConcurrentHashMap<>();

	private final BlobIndex index;

	public InMemoryBlobStore(long maxSize) {
		if (maxSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("an in-memory blob store holds at most 2GB, got " + maxSize);
		}
		this.index = new BlobIndex(maxSize, blobs::remove);
	}

	@Override
	public Optional<CachedBlob> find(BlobDigest digest) {
		if (index.use(digest).isEmpty()) {
			return Optional.empty();
		}
		return Optional.ofNullable(blobs.get(digest)).map(bytes -> new MemoryBlob(digest, bytes));
	}

	@Override
	public BlobWriter writer(BlobDigest digest, long expectedSize) throws BlobWriteException {
		return new MemoryBlobWriter(digest, expectedSize, index, blobs);
	}

	@Override
	public long size() {
		return index.size();
	}

	@Override
	public long maxSize() {
		return index.maxSize();
	}

	@Override
	public long evictions() {
		return index.evictions();
	}

}
