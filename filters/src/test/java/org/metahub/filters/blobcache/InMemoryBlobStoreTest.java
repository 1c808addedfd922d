package org.metahub.filters.blobcache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metahub.filters.blobcache.Blobs.bytes;

class InMemoryBlobStoreTest extends BlobStoreContractTest {

	@Override
	protected BlobStore newStore(long maxSize) {
		return new InMemoryBlobStore(maxSize);
	}

	@Test
	void entriesAreHandedOutAsBytes() throws Exception {
		byte[] blob = bytes(100, 1);
		assertThat(Blobs.store(newStore(1000), blob)).isInstanceOfSatisfying(MemoryBlob.class,
				memory -> assertThat(memory.bytes()).isEqualTo(blob));
	}

}
