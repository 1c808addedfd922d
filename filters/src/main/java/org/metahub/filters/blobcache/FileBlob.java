package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An entry of the {@link DiskBlobStore}: its verified file, never loaded into memory. */
public record FileBlob(BlobDigest digest, long size, Path file) implements CachedBlob {

	@Override
	public SeekableByteChannel open() throws IOException {
		// an open file survives its unlink, so eviction after this point cannot cut the reader short
		return FileChannel.open(file, StandardOpenOption.READ);
	}

}
