package org.metahub.gateway.e2e;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.metahub.filters.oci.Digests;

/** A large, repeatable stream of pseudo-random bytes that never sits in memory as a whole. */
final class DeterministicBytes extends InputStream {

	private final SplittableRandom random;

	private long remaining;

	DeterministicBytes(long seed, long length) {
		this.random = new SplittableRandom(seed);
		this.remaining = length;
	}

	/** The sha256 digest of the stream for this seed and length. */
	static String digest(long seed, long length) {
		MessageDigest sha256 = Digests.newSha256();
		byte[] chunk = new byte[1 << 16];
		try (DeterministicBytes bytes = new DeterministicBytes(seed, length)) {
			for (int read; (read = bytes.read(chunk)) > 0;) {
				sha256.update(chunk, 0, read);
			}
		}
		return "sha256:" + HexFormat.of().formatHex(sha256.digest());
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer) {
		return read(buffer, 0, buffer.length);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (remaining == 0) {
			return -1;
		}
		int count = (int) Math.min(length, remaining);
		for (int i = 0; i < count; i += 8) {
			long value = random.nextLong();
			for (int j = 0; j < 8 && i + j < count; j++) {
				buffer[offset + i + j] = (byte) (value >>> (8 * j));
			}
		}
		remaining -= count;
		return count;
	}

	@Override
	public void close() {
	}

}
