package org.metahub.filters.blobcache;

import java.nio.ByteBuffer;

/**
 * Writes one blob aside, verifying it as bytes pass. When the store cannot keep the bytes (no room, a
 * write error) the writer stops keeping them but goes on verifying, so the caller can still pass them
 * on: {@link #kept()} stops growing and {@link #commit()} ends with that failure. After a failure the
 * writer has discarded what it kept; {@link #close()} without {@link #commit()} discards it too.
 */
public interface BlobWriter extends AutoCloseable {

	/** Appends all remaining bytes of the buffer; fails only for more bytes than announced. */
	void write(ByteBuffer bytes) throws BlobWriteException;

	/**
	 * Checks the size and the digest and makes the blob an entry (or returns the entry already there).
	 * @throws BlobWriteException a mismatch, or (for right bytes the store gave up keeping) a
	 *     {@link BlobWriteException.Reason#isStorage() storage} reason
	 */
	CachedBlob commit() throws BlobWriteException;

	/** The bytes written so far and those still to come, read by position; one instance per writer. */
	PartialBlob partial() throws java.io.IOException;

	/** Bytes written so far. */
	long written();

	/** The size the upstream announced, or {@code -1} when unknown. */
	long expectedSize();

	/** Bytes kept so far, readable through {@link #partial()}: all written unless the store gave up keeping them. */
	long kept();

	/** Discards the blob unless it was committed; idempotent. */
	@Override
	void close();

}
