package org.metahub.filters.blobcache;

import java.nio.file.Path;

class InMemoryBlobFillsTest extends BlobFillsTest {

	@Override
	protected BlobStore newStore(Path folder, long maxSize) {
		return new InMemoryBlobStore(maxSize);
	}

}
