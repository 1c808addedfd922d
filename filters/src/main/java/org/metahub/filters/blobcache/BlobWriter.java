package org.metahub.filters.blobcache;

import java.nio.ByteBuffer;

/**
 * Writes one blob aside, verifying it as bytes pass. After a failure the writer has discarded what it
 * wrote; {@link #close()} without {@link #commit()} discards it too.
 */
public interface BlobWriter extends AutoCloseable {

	/** Appends all remaining bytes of the buffer. */
	void write(ByteBuffer bytes) throws BlobWriteException;

	/** Checks the size and the digest and makes the blob an entry (or returns the entry already there). */
	CachedBlob commit() throws BlobWriteException;

	/** The bytes written so far and those still to come, read by position; one instance per writer. */
	PartialBlob partial() throws java.io.IOException;

	/** Bytes written so far. */
	long written();

	/** Discards the blob unless it was committed; idempotent. */
	@Override
	void close();

}
