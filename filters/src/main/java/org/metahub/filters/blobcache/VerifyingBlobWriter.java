package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.metahub.filters.blobcache.BlobWriteException.Reason;
import org.metahub.filters.oci.Digests;

/**
 * What every store's writer does: hash and count the bytes as they pass, hold room in the index for
 * them, and make them an entry only when the digest and the size match. When the store cannot keep
 * them (no room, a write error) it stops keeping but goes on verifying. Subclasses say where bytes go.
 */
abstract class VerifyingBlobWriter implements BlobWriter {

	protected final BlobDigest digest;

	protected final BlobIndex index;

	private final long expectedSize;

	private final MessageDigest sha256 = Digests.newSha256();

	private long written;

	private long kept;

	private long reserved;

	private BlobWriteException gaveUp;

	private boolean finished;

	VerifyingBlobWriter(BlobDigest digest, long expectedSize, BlobIndex index) throws BlobWriteException {
		this.digest = digest;
		this.expectedSize = expectedSize;
		this.index = index;
		if (expectedSize >= 0) {
			index.reserve(expectedSize);
			reserved = expectedSize;
		}
	}

	private VerifyingBlobWriter(BlobDigest digest, long expectedSize, BlobWriteException refusal) {
		this.digest = digest;
		this.expectedSize = expectedSize;
		// holds no room: its releases are of nothing
		this.index = new BlobIndex(1, evicted -> {
		});
		this.gaveUp = refusal;
	}

	/** A writer that keeps nothing, for a blob the store refused: it only verifies the bytes that pass. */
	static BlobWriter verifyOnly(BlobDigest digest, long expectedSize, BlobWriteException refusal) {
		return new VerifyOnly(digest, expectedSize, refusal);
	}

	/** Writes all remaining bytes of the buffer to where the blob is being kept. */
	abstract void append(ByteBuffer bytes) throws IOException;

	/** Makes the verified bytes an entry, through {@link BlobIndex#commit} with {@link #takeReservation()}. */
	abstract CachedBlob keep(long size) throws IOException;

	/** Throws away what was written; must not fail, and must leave the partial blob readable until it is closed. */
	abstract void discard();

	@Override
	public final void write(ByteBuffer bytes) throws BlobWriteException {
		ensureOpen();
		int count = bytes.remaining();
		if (expectedSize >= 0 && written + count > expectedSize) {
			close();
			throw new BlobWriteException(Reason.SIZE_MISMATCH, "more than the announced " + expectedSize + " bytes for " + digest);
		}
		if (gaveUp == null) {
			keep(bytes.duplicate(), count);
		}
		sha256.update(bytes);
		written += count;
	}

	private void keep(ByteBuffer bytes, int count) {
		try {
			if (expectedSize < 0) {
				if (written + count > index.maxSize()) {
					throw new BlobWriteException(Reason.TOO_LARGE, digest + " exceeds the store's " + index.maxSize() + " bytes");
				}
				index.reserve(count);
				reserved += count;
			}
			append(bytes);
			kept += count;
		}
		catch (IOException ex) {
			gaveUp = failure(ex);
			index.release(takeReservation());
		}
	}

	@Override
	public final CachedBlob commit() throws BlobWriteException {
		ensureOpen();
		try {
			if (expectedSize >= 0 && written != expectedSize) {
				throw new BlobWriteException(Reason.SIZE_MISMATCH,
						written + " bytes for " + digest + ", " + expectedSize + " announced");
			}
			String actual = HexFormat.of().formatHex(sha256.digest());
			if (!actual.equals(digest.hex())) {
				throw new BlobWriteException(Reason.DIGEST_MISMATCH, "bytes written for " + digest + " hash to sha256:" + actual);
			}
			if (gaveUp != null) {
				throw gaveUp;
			}
			CachedBlob blob = keep(written);
			finished = true;
			return blob;
		}
		catch (IOException ex) {
			close();
			throw failure(ex);
		}
	}

	@Override
	public final long written() {
		return written;
	}

	@Override
	public final long expectedSize() {
		return expectedSize;
	}

	@Override
	public final long kept() {
		return kept;
	}

	@Override
	public final void close() {
		if (finished) {
			return;
		}
		finished = true;
		discard();
		index.release(takeReservation());
	}

	/** The room this write holds, handed over once (to the commit or to the release). */
	final long takeReservation() {
		long taken = reserved;
		reserved = 0;
		return taken;
	}

	private void ensureOpen() {
		if (finished) {
			throw new IllegalStateException("the writer for " + digest + " is finished");
		}
	}

	private BlobWriteException failure(IOException ex) {
		return ex instanceof BlobWriteException typed ? typed
				: new BlobWriteException(Reason.WRITE_ERROR, "could not write " + digest + ": " + ex.getMessage(), ex);
	}

	private static final class VerifyOnly extends VerifyingBlobWriter {

		VerifyOnly(BlobDigest digest, long expectedSize, BlobWriteException refusal) {
			super(digest, expectedSize, refusal);
		}

		@Override
		public PartialBlob partial() {
			return new PartialBlob() {
				@Override
				public int read(ByteBuffer target, long position) throws IOException {
					throw new IOException("nothing of " + digest + " is kept");
				}

				@Override
				public void close() {
					// nothing held
				}
			};
		}

		@Override
		void append(ByteBuffer bytes) {
			throw new IllegalStateException("a verify-only writer keeps nothing");
		}

		@Override
		CachedBlob keep(long size) {
			throw new IllegalStateException("a verify-only writer keeps nothing");
		}

		@Override
		void discard() {
			// nothing written
		}

	}

}
