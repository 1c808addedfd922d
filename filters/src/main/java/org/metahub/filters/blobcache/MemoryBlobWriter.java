package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/** Collects a blob's bytes (within the room the index gave it) and keeps them once verified. */
final class MemoryBlobWriter extends VerifyingBlobWriter {

	private final Map<BlobDigest, byte[]> blobs;

	private byte[] bytes = new byte[1024];

	private int count;

	MemoryBlobWriter(BlobDigest digest, long expectedSize, BlobIndex index, Map<BlobDigest, byte[]> blobs)
			throws BlobWriteException {
		super(digest, expectedSize, index);
		this.blobs = blobs;
	}

	@Override
	public PartialBlob partial() {
		return new PartialBlob() {
			@Override
			public int read(ByteBuffer target, long position) {
				return readAt(target, position);
			}

			@Override
			public void close() {
				// the bytes go with the writer
			}
		};
	}

	private synchronized int readAt(ByteBuffer target, long position) {
		int length = (int) Math.min(target.remaining(), count - position);
		target.put(bytes, (int) position, length);
		return length;
	}

	@Override
	synchronized void append(ByteBuffer source) {
		int length = source.remaining();
		if (count + length > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(count + length, bytes.length * 2));
		}
		source.get(bytes, count, length);
		count += length;
	}

	@Override
	synchronized CachedBlob keep(long size) throws IOException {
		byte[] verified = Arrays.copyOf(bytes, count);
		boolean placed = index.commit(digest, size, takeReservation(), () -> blobs.put(digest, verified));
		return new MemoryBlob(digest, placed ? verified : blobs.getOrDefault(digest, verified));
	}

	@Override
	synchronized void discard() {
		// the bytes go with the writer, once its readers let go of it
	}

}
