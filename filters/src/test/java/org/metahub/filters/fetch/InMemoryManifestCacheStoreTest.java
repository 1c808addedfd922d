package org.metahub.filters.fetch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryManifestCacheStoreTest extends ManifestCacheStoreContractTest {

	private final InMemoryManifestCacheStore store = new InMemoryManifestCacheStore(100, 1024 * 1024);

	@Override
	protected ManifestCacheStore store() {
		return store;
	}

	@Test
	void isBoundedByCountAndBytes() {
		InMemoryManifestCacheStore small = new InMemoryManifestCacheStore(3, 10);
		small.put("a", new byte[4]).block();
		small.put("b", new byte[4]).block();
		small.get("a").block();
		small.put("c", new byte[4]).block();
		assertThat(small.get("b").block()).isNull();
		assertThat(small.get("a").block()).isNotNull();
		assertThat(small.bytes()).isLessThanOrEqualTo(10);
		small.put("d", new byte[1]).block();
		small.put("e", new byte[1]).block();
		assertThat(small.get("c").block()).isNull();
		small.put("huge", new byte[11]).block();
		assertThat(small.get("huge").block()).isNull();
	}

}
