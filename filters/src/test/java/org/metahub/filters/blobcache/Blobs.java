package org.metahub.filters.blobcache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Random;

import org.metahub.filters.oci.Digests;

/** Test blobs: bytes, their digest, writing them to a store and reading them back. */
final class Blobs {

	private Blobs() {
	}

	static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static BlobDigest digestOf(byte[] bytes) {
		return BlobDigest.parse(Digests.sha256(bytes)).orElseThrow();
	}

	/** Writes the blob in chunks of at most 1000 bytes, announcing its size, and commits it. */
	static CachedBlob store(BlobStore store, byte[] bytes) throws IOException {
		try (BlobWriter writer = store.writer(digestOf(bytes), bytes.length)) {
			writeAll(writer, bytes);
			return writer.commit();
		}
	}

	static void writeAll(BlobWriter writer, byte[] bytes) throws BlobWriteException {
		for (int offset = 0; offset < bytes.length; offset += 1000) {
			writer.write(ByteBuffer.wrap(bytes, offset, Math.min(1000, bytes.length - offset)));
		}
	}

	static byte[] read(CachedBlob blob) throws IOException {
		try (SeekableByteChannel channel = blob.open()) {
			return readAll(channel);
		}
	}

	static byte[] readAll(SeekableByteChannel channel) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer buffer = ByteBuffer.allocate(777);
		while (channel.read(buffer) >= 0) {
			out.write(buffer.array(), 0, buffer.position());
			buffer.clear();
		}
		return out.toByteArray();
	}

}
