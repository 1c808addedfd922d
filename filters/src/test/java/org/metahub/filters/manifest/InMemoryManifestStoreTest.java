package org.metahub.filters.manifest;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.MediaTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryManifestStoreTest extends ManifestStoreContractTest {

	private final InMemoryManifestStore store = new InMemoryManifestStore(100);

	@Override
	protected ManifestStore store() {
		return store;
	}

	@Test
	void evictsTheLeastRecentlyUsedBeyondItsSize() {
		InMemoryManifestStore small = new InMemoryManifestStore(2);
		StoredManifest list = new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 1 });
		small.save("app", "sha256:1", list).block();
		small.save("app", "sha256:2", list).block();
		assertThat(small.find("app", "sha256:1").block()).isNotNull();
		small.save("app", "sha256:3", list).block();
		assertThat(small.find("app", "sha256:1").block()).isNotNull();
		assertThat(small.find("app", "sha256:2").block()).isNull();
		assertThat(small.find("app", "sha256:3").block()).isNotNull();
	}

	@Test
	void refusesASizeBelowOne() {
		assertThatThrownBy(() -> new InMemoryManifestStore(0)).hasMessageContaining("metahub.manifest.store-size");
	}

}
