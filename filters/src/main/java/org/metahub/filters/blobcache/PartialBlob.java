package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The bytes a {@link BlobWriter} has written so far, for clients that follow the write as it happens. */
public interface PartialBlob extends AutoCloseable {

	/**
	 * Reads bytes from {@code position}, which must be below what the writer had written when asked;
	 * stays readable after the writer committed the blob, until closed.
	 * @return the number of bytes read
	 */
	int read(ByteBuffer target, long position) throws IOException;

	@Override
	void close();

}
