package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.metahub.config.MachineType;
import org.metahub.filters.features.FeatureImplications;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An index with a baseline amd64 build, an {@code amd64/v3} build and an arm64 build. */
class Amd64VariantRewriteTest {

	static final String BASELINE = "sha256:" + "1".repeat(64);

	static final String V3 = "sha256:" + "3".repeat(64);

	static final String ARM = "sha256:" + "a".repeat(64);

	private final IndexRewriter rewriter = new IndexRewriter(new ManifestListParser(), new FeatureMatcher());

	static byte[] index() {
		return ("""
				{"schemaVersion": 2, "mediaType": "%1$s", "manifests": [
				  {"mediaType": "%2$s", "digest": "%3$s", "size": 10, "platform": {"architecture": "amd64", "os": "linux"}},
				  {"mediaType": "%2$s", "digest": "%4$s", "size": 11,
				   "platform": {"architecture": "amd64", "os": "linux", "variant": "v3", "os.features": ["x"]},
				   "annotations": {"keep": "me"}},
				  {"mediaType": "%2$s", "digest": "%5$s", "size": 12, "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}
				], "annotations": {"ratio": 1.50}}
				""").formatted(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, BASELINE, V3, ARM)
			.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void theChosenV3EntryIsEmittedAsPlainAmd64AndTheRestIsUnchanged() {
		RewrittenList list = rewriter.rewrite(index(), MediaTypes.OCI_INDEX, Set.of("cpu:broadwell"));

		ObjectNode expected = (ObjectNode) ManifestListParser.JSON.readTree(index());
		ArrayNode manifests = (ArrayNode) expected.get("manifests");
		((ObjectNode) manifests.get(1).get("platform")).remove("variant");
		manifests.remove(0);
		assertThat(new String(list.bytes(), StandardCharsets.UTF_8))
			.isEqualTo(ManifestListParser.JSON.writeValueAsString(expected))
			.contains("\"os.features\":[\"x\"]", "\"keep\":\"me\"", "\"ratio\":1.50", "\"variant\":\"v8\"");
		assertThat(list.chosen()).extracting(Descriptor::digest).containsExactly(V3, ARM);
		assertThat(list.digest()).isEqualTo(Digests.sha256(list.bytes()));
	}

	@Test
	void anOlderHostGetsTheBaselineAndTheV3EntryIsDropped() {
		RewrittenList list = rewriter.rewrite(index(), MediaTypes.OCI_INDEX, Set.of("cpu:westmere"));

		String text = new String(list.bytes(), StandardCharsets.UTF_8);
		assertThat(text).contains(BASELINE, ARM).doesNotContain(V3);
		assertThat(list.chosen()).extracting(Descriptor::digest).containsExactly(BASELINE, ARM);
	}

	@Test
	void aChosenVariantIsRemovedEvenWhenNothingIsDropped() {
		byte[] only = ("{\"manifests\":[{\"digest\":\"" + V3
				+ "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\",\"variant\":\"v3\"}}]}")
			.getBytes(StandardCharsets.UTF_8);
		RewrittenList list = rewriter.rewrite(only, MediaTypes.OCI_INDEX, Set.of("cpu:x86-64-v3"));
		assertThat(new String(list.bytes(), StandardCharsets.UTF_8))
			.isEqualTo("{\"manifests\":[{\"digest\":\"" + V3 + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}");
	}

	@Test
	void theProfileOverloadHonoursFallbackNone() {
		MachineProfile none = MachineProfile.of(new MachineType("old", "old", "{noop}x", List.of("cpu:westmere"),
				MachineType.Fallback.NONE, MachineType.Resolve.LIST, "linux/amd64", MachineType.Pinned.PASSTHROUGH),
				FeatureImplications.builtIn());
		OciException error = catchThrowableOfType(OciException.class,
				() -> rewriter.rewrite(index(), MediaTypes.OCI_INDEX, none));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.getMessage()).contains("fallback: none", "cpu:x86-64-v3");
	}

	@Test
	void resolveImagePicksTheSingleEntryForTheMachinesPlatform() {
		assertThat(rewriter.imageFor(index(), MediaTypes.OCI_INDEX, profile("cpu:broadwell", "linux/amd64")).digest())
			.isEqualTo(V3);
		assertThat(rewriter.imageFor(index(), MediaTypes.OCI_INDEX, profile("cpu:nehalem", "linux/amd64")).digest())
			.isEqualTo(BASELINE);
		assertThat(rewriter.imageFor(index(), MediaTypes.OCI_INDEX, profile("cpu:neoverse-v1", "linux/arm64")).digest())
			.isEqualTo(ARM);
		OciException error = catchThrowableOfType(OciException.class,
				() -> rewriter.imageFor(index(), MediaTypes.OCI_INDEX, profile("x", "linux/s390x")));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.getMessage()).contains("linux/s390x");
	}

	private static MachineProfile profile(String feature, String platform) {
		return MachineProfile.of(new MachineType("m", "m", "{noop}x", List.of(feature), MachineType.Fallback.GENERIC,
				MachineType.Resolve.IMAGE, platform, MachineType.Pinned.PASSTHROUGH), FeatureImplications.builtIn());
	}

}
