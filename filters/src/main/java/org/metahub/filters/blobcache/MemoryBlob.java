package org.metahub.filters.blobcache;

import java.nio.channels.SeekableByteChannel;

/** An entry of the {@link InMemoryBlobStore}; its bytes are never modified once verified. */
public record MemoryBlob(BlobDigest digest, byte[] bytes) implements CachedBlob {

	@Override
	public long size() {
		return bytes.length;
	}

	@Override
	public SeekableByteChannel open() {
		return new ByteArrayChannel(bytes);
	}

}
