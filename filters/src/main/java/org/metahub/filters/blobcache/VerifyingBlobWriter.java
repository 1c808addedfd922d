package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.metahub.filters.blobcache.BlobWriteException.Reason;
import org.metahub.filters.oci.Digests;

/**
 * What every store's writer does: hash and count the bytes as they pass, hold room in the index for
 * them, and make them an entry only when the digest and the size match. Subclasses say where bytes go.
 */
abstract class VerifyingBlobWriter implements BlobWriter {

	protected final BlobDigest digest;

	protected final BlobIndex index;

	private final long expectedSize;

	private final MessageDigest sha256 = Digests.newSha256();

	private long written;

	private long reserved;

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

	/** Writes all remaining bytes of the buffer to where the blob is being kept. */
	abstract void append(ByteBuffer bytes) throws IOException;

	/** Makes the verified bytes an entry, through {@link BlobIndex#commit} with {@link #takeReservation()}. */
	abstract CachedBlob keep(long size) throws IOException;

	/** Throws away what was written; must not fail. */
	abstract void discard();

	@Override
	public final void write(ByteBuffer bytes) throws BlobWriteException {
		ensureOpen();
		int count = bytes.remaining();
		try {
			if (expectedSize >= 0 && written + count > expectedSize) {
				throw new BlobWriteException(Reason.SIZE_MISMATCH, "more than the announced " + expectedSize + " bytes for " + digest);
			}
			if (expectedSize < 0) {
				if (written + count > index.maxSize()) {
					throw new BlobWriteException(Reason.TOO_LARGE, digest + " exceeds the store's " + index.maxSize() + " bytes");
				}
				index.reserve(count);
				reserved += count;
			}
			sha256.update(bytes.duplicate());
			append(bytes);
			written += count;
		}
		catch (IOException ex) {
			close();
			throw failure(ex);
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

}
