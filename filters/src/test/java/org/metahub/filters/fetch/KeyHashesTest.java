package org.metahub.filters.fetch;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;

import static org.assertj.core.api.Assertions.assertThat;

class KeyHashesTest {

	@Test
	void aHashIsTheStartOfTheValuesSha256SoEveryReplicaAgrees() {
		String accept = "application/vnd.oci.image.index.v1+json";

		assertThat(KeyHashes.of(accept))
			.isEqualTo(Digests.sha256(accept.getBytes(StandardCharsets.UTF_8)).substring(7, 23))
			.isEqualTo(KeyHashes.of(accept));
	}

	@Test
	void manyDistinctValuesStillHashCorrectly() {
		for (int i = 0; i < 3000; i++) {
			String value = "application/x-" + i;
			assertThat(KeyHashes.of(value)).isEqualTo(Digests.sha256(value.getBytes(StandardCharsets.UTF_8)).substring(7, 23));
		}
	}

}
