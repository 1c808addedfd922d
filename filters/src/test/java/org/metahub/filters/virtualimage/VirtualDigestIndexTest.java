package org.metahub.filters.virtualimage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where digests requested under a virtual name live, and the blobs of a child manifest. */
class VirtualDigestIndexTest {

	static final String CONFIG = "sha256:" + "c".repeat(64);

	static final String LAYER1 = "sha256:" + "1".repeat(64);

	static final String LAYER2 = "sha256:" + "2".repeat(64);

	static final ComponentLocation GHCR = new ComponentLocation("ghcr.io", "qnib/bench");

	static final ComponentLocation HUB = new ComponentLocation(null, "qnib/bench");

	@Test
	void remembersTheManifestsOfABuiltIndexUnderTheVirtualName() {
		VirtualDigestIndex digests = new VirtualDigestIndex(10);
		VirtualIndex index = new VirtualIndex(new byte[0], "sha256:" + "f".repeat(64), "x", Map.of(LAYER1, HUB, LAYER2, GHCR));

		digests.rememberIndex("qnib/virtual", index);

		assertThat(digests.find("qnib/virtual", LAYER1)).contains(HUB);
		assertThat(digests.find("qnib/virtual", LAYER2)).contains(GHCR);
		assertThat(digests.find("qnib/other", LAYER1)).isEmpty();
		assertThat(digests.find("qnib/virtual", CONFIG)).isEmpty();
	}

	@Test
	void remembersTheConfigLayersAndBlobsOfAChildManifest() {
		VirtualDigestIndex digests = new VirtualDigestIndex(10);

		digests.rememberBlobs("qnib/virtual", manifest(), GHCR);

		assertThat(digests.find("qnib/virtual", CONFIG)).contains(GHCR);
		assertThat(digests.find("qnib/virtual", LAYER1)).contains(GHCR);
		assertThat(digests.find("qnib/virtual", LAYER2)).contains(GHCR);
	}

	@Test
	void extractsBlobDigestsInOrderWithoutRepeats() {
		assertThat(ManifestBlobs.digests(manifest())).containsExactly(CONFIG, LAYER1, LAYER2);
		assertThat(ManifestBlobs.digests("""
				{"mediaType":"application/vnd.oci.artifact.manifest.v1+json","blobs":[{"digest":"%s"}]}"""
			.formatted(LAYER1).getBytes(StandardCharsets.UTF_8))).containsExactly(LAYER1);
	}

	@Test
	void aManifestThatIsNoJsonObjectIsTheUpstreamsFault() {
		assertThatThrownBy(() -> ManifestBlobs.digests("[1]".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(OciException.class, ex -> assertThat(ex.error()).isEqualTo(OciError.UPSTREAM_INVALID));
		assertThatThrownBy(() -> ManifestBlobs.digests("{".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(OciException.class, ex -> assertThat(ex.error()).isEqualTo(OciError.UPSTREAM_INVALID));
	}

	@Test
	void isBoundedAndEvictsTheLeastRecentlyUsed() {
		VirtualDigestIndex digests = new VirtualDigestIndex(2);
		digests.remember("v", CONFIG, HUB);
		digests.remember("v", LAYER1, HUB);
		digests.find("v", CONFIG);

		digests.remember("v", LAYER2, GHCR);

		assertThat(List.of(digests.find("v", CONFIG).isPresent(), digests.find("v", LAYER1).isPresent(),
				digests.find("v", LAYER2).isPresent())).containsExactly(true, false, true);
	}

	@Test
	void aSizeBelowOneNamesTheKey() {
		assertThatThrownBy(() -> new VirtualDigestIndex(0)).hasMessageContaining("metahub.virtual-images.digest-index-size");
	}

	private static byte[] manifest() {
		return """
				{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
				 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":7},
				 "layers":[{"digest":"%s","size":1},{"digest":"%s","size":2},{"digest":"%s","size":1}],
				 "subject":{"digest":"sha256:%s"}}"""
			.formatted(CONFIG, LAYER1, LAYER2, LAYER1, "9".repeat(64))
			.getBytes(StandardCharsets.UTF_8);
	}

}
