package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * A verified cache entry. A {@link FileBlob} is served by zero-copy transfer of its file, a
 * {@link MemoryBlob} from its bytes; both can be read through {@link #open()}.
 */
public sealed interface CachedBlob permits FileBlob, MemoryBlob {

	BlobDigest digest();

	long size();

	/**
	 * A channel over the whole blob, readable to its end even if the entry is evicted meanwhile.
	 * @throws java.nio.file.NoSuchFileException if the entry was evicted before it was opened: a miss
	 */
	SeekableByteChannel open() throws IOException;

}
