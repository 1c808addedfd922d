package org.metahub.filters.referrers;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReferrersIndexTest {

	private static final String INDEX = "{\"schemaVersion\":2,\"manifests\":["
			+ "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:aa\",\"size\":1,"
			+ "\"artifactType\":\"application/x-sbom\",\"annotations\":{\"k\":\"v\"}},"
			+ "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:bb\",\"size\":2,"
			+ "\"artifactType\":\"application/x-sig\"}]}";

	@Test
	void theTagSchemaIsTheAlgorithmAndTheHexTruncatedToATagsLength() {
		String hex256 = "0123456789abcdef".repeat(4);
		String hex512 = "0123456789abcdef".repeat(8);

		assertThat(ReferrersIndex.tagFor("sha256:" + hex256)).isEqualTo("sha256-" + hex256);
		assertThat(ReferrersIndex.tagFor("sha512:" + hex512)).isEqualTo("sha512-" + hex512.substring(0, 64));
	}

	@Test
	void anArtifactTypeKeepsOnlyItsDescriptorsAsWritten() {
		String filtered = new String(ReferrersIndex.of(INDEX.getBytes(StandardCharsets.UTF_8), "application/x-sbom"),
				StandardCharsets.UTF_8);

		assertThat(filtered).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
				+ "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:aa\","
				+ "\"size\":1,\"artifactType\":\"application/x-sbom\",\"annotations\":{\"k\":\"v\"}}]}");
	}

	@Test
	void noIndexIsAnEmptyImageIndex() {
		assertThat(new String(ReferrersIndex.empty(), StandardCharsets.UTF_8))
			.isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
		assertThat(new String(ReferrersIndex.of(INDEX.getBytes(StandardCharsets.UTF_8), null), StandardCharsets.UTF_8))
			.contains("sha256:aa", "sha256:bb");
	}

}
