package org.metahub.filters.blobcache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/** Collects a blob's bytes (within the room the index gave it) and keeps them once verified. */
final class MemoryBlobWriter extends VerifyingBlobWriter {

	private final Map<BlobDigest, byte[]> blobs;

	private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	MemoryBlobWriter(BlobDigest digest, long expectedSize, BlobIndex index, Map<BlobDigest, byte[]> blobs)
			throws BlobWriteException {
		super(digest, expectedSize, index);
		this.blobs = blobs;
	}

	@Override
	void append(ByteBuffer source) {
		byte[] chunk = new byte[source.remaining()];
		source.get(chunk);
		bytes.writeBytes(chunk);
	}

	@Override
	CachedBlob keep(long size) throws java.io.IOException {
		byte[] verified = bytes.toByteArray();
		bytes = null;
		boolean placed = index.commit(digest, size, takeReservation(), () -> blobs.put(digest, verified));
		return new MemoryBlob(digest, placed ? verified : blobs.getOrDefault(digest, verified));
	}

	@Override
	void discard() {
		bytes = null;
	}

}
