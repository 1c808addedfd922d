package org.metahub.filters.virtualimage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.FeatureMatcher;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.ManifestList;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.manifest.Platform;
import org.metahub.filters.manifest.RewrittenList;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building a virtual image's index from its components' manifests. */
class VirtualIndexBuilderTest {

	static final String BROADWELL = "sha256:" + "b".repeat(64);

	static final String SKYLAKE = "sha256:" + "5".repeat(64);

	static final String OTHER = "sha256:" + "0".repeat(64);

	static final String ARM = "sha256:" + "a".repeat(64);

	private final VirtualIndexBuilder builder = new VirtualIndexBuilder();

	@Test
	void buildsAnOciIndexWithFeaturesInPlatformAndAnnotation() throws Exception {
		VirtualIndex index = builder.build(seed(), List.of(
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1234),
				ComponentManifest.image(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", SKYLAKE, 528)));

		assertThat(new String(index.bytes(), StandardCharsets.UTF_8)).isEqualTo("""
				{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\
				{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1234,\
				"platform":{"architecture":"amd64","os":"linux","variant":"v3","features":["cpu:broadwell"]},\
				"annotations":{"org.metahub.virtual.component":"qnib/bench:broadwell","org.metahub.platform.features":"cpu:broadwell"}},\
				{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":528,\
				"platform":{"architecture":"amd64","os":"linux","features":["cpu:skylake"]},\
				"annotations":{"org.metahub.virtual.component":"ghcr.io/qnib/bench:skylake","org.metahub.platform.features":"cpu:skylake"}}]}"""
			.formatted(BROADWELL, SKYLAKE));
		assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
		assertThat(index.digest()).isEqualTo(
				"sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index.bytes())));
		ManifestList parsed = new ManifestListParser().parse(index.bytes());
		assertThat(parsed.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
		assertThat(parsed.manifests()).extracting(Descriptor::requiredFeatures)
			.containsExactly(Set.of("cpu:broadwell"), Set.of("cpu:skylake"));
		assertThat(index.toStoredManifest().bytes()).isEqualTo(index.bytes());
	}

	@Test
	void theSameInputsGiveTheSameBytesAndDigest() throws Exception {
		List<ComponentManifest> manifests = List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1234),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, SKYLAKE, 528));

		VirtualIndex first = builder.build(seed(), manifests);
		VirtualIndex second = new VirtualIndexBuilder().build(seed(), List.copyOf(manifests));

		assertThat(second.bytes()).isEqualTo(first.bytes());
		assertThat(second.digest()).isEqualTo(first.digest());
	}

	@Test
	void aMovedComponentChangesTheDigest() throws Exception {
		VirtualIndex before = builder.build(seed(), List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1234),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, SKYLAKE, 528)));
		VirtualIndex after = builder.build(seed(), List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1234),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, OTHER, 528)));

		assertThat(after.digest()).isNotEqualTo(before.digest());
	}

	@Test
	void mapsEachComponentManifestToItsRepository() throws Exception {
		VirtualIndex index = builder.build(seed(), List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, SKYLAKE, 2)));

		assertThat(index.locations()).containsExactlyInAnyOrderEntriesOf(Map.of(
				BROADWELL, new ComponentLocation(null, "qnib/bench"),
				SKYLAKE, new ComponentLocation("ghcr.io", "qnib/bench")));
	}

	@Test
	void aComponentListIsResolvedByThePlatform() throws Exception {
		List<Descriptor> upstreamList = List.of(
				entry(ARM, "arm64", "v8"),
				entry(OTHER, "amd64", "v2"),
				entry(BROADWELL, "amd64", "v3"),
				entry(SKYLAKE, "amd64", null));

		VirtualIndex index = builder.build(seed(), List.of(ComponentManifest.list(upstreamList),
				ComponentManifest.list(upstreamList)));

		// manifests[0] asks for variant v3; manifests[1] gives none, so the entry without a variant wins
		assertThat(new ManifestListParser().parse(index.bytes()).manifests()).extracting(Descriptor::digest)
			.containsExactly(BROADWELL, SKYLAKE);
	}

	@Test
	void withoutAVariantAnyVariantOfThePlatformIsTakenInListOrder() {
		VirtualImageSpec spec = parse("image: qnib/arm\nmanifests:\n  - image: arm64v8/ubuntu\n"
				+ "    platform: {architecture: arm64, os: linux, features: [cpu:neoverse-n1]}\n");

		VirtualIndex index = builder.build(spec, List.of(ComponentManifest.list(List.of(entry(OTHER, "amd64", null),
				entry(ARM, "arm64", "v8"), entry(BROADWELL, "arm64", "v9")))));

		Descriptor entry = new ManifestListParser().parse(index.bytes()).manifests().get(0);
		assertThat(entry.digest()).isEqualTo(ARM);
		assertThat(entry.platform()).isEqualTo(new Platform("linux", "arm64", null, List.of("cpu:neoverse-n1")));
		assertThat(index.locations()).containsEntry(ARM, new ComponentLocation(null, "arm64v8/ubuntu"));
	}

	@Test
	void aComponentListWithoutThePlatformIsAClearError() throws Exception {
		List<Descriptor> armOnly = List.of(entry(ARM, "arm64", "v8"), entry(OTHER, "arm", "v7"),
				new Descriptor(MediaTypes.OCI_MANIFEST, SKYLAKE, 1L, new Platform("windows", "amd64", null, null), null));

		assertThatThrownBy(() -> builder.build(seed(), List.of(
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1), ComponentManifest.list(armOnly))))
			.isInstanceOfSatisfying(OciException.class, ex -> {
				assertThat(ex.error()).isEqualTo(OciError.UPSTREAM_INVALID);
				assertThat(ex.detail()).isEqualTo("ghcr.io/qnib/bench:skylake");
			})
			.hasMessageContaining("virtual image qnib/bench (manifest.yml)")
			.hasMessageContaining("component manifests[1] ghcr.io/qnib/bench:skylake is a list without a complete entry for linux/amd64");
	}

	@Test
	void aListEntryPointingAtAnotherListDoesNotCount() throws Exception {
		Descriptor nested = new Descriptor(MediaTypes.OCI_INDEX, BROADWELL, 10L,
				new Platform("linux", "amd64", "v3", null), null);

		assertThatThrownBy(() -> builder.build(seed(), List.of(ComponentManifest.list(List.of(nested)),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, SKYLAKE, 1))))
			.isInstanceOf(OciException.class)
			.hasMessageContaining("manifests[0] qnib/bench:broadwell is a list without a complete entry for linux/amd64/v3");
	}

	@Test
	void manifestsMustLineUpWithTheComponents() throws Exception {
		assertThatThrownBy(() -> builder.build(seed(), List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("virtual image qnib/bench has 2 components but 1 manifests were given");
	}

	@Test
	void anImageManifestCannotHaveAListMediaType() {
		assertThatThrownBy(() -> ComponentManifest.image(MediaTypes.DOCKER_LIST, BROADWELL, 1))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("non-list media type");
	}

	@Test
	void normalSelectionAppliesToTheBuiltIndex() throws Exception {
		VirtualIndex index = builder.build(seed(), List.of(ComponentManifest.image(MediaTypes.OCI_MANIFEST, BROADWELL, 1),
				ComponentManifest.image(MediaTypes.OCI_MANIFEST, SKYLAKE, 2)));
		IndexRewriter rewriter = new IndexRewriter(new ManifestListParser(), new FeatureMatcher());

		RewrittenList forSkylake = rewriter.rewrite(index.bytes(), index.mediaType(), Set.of("cpu:skylake"));

		assertThat(forSkylake.chosen()).extracting(Descriptor::digest).containsExactly(SKYLAKE);
	}

	private static VirtualImageSpec seed() throws Exception {
		return new VirtualImageSpecLoader().parse(Path.of("manifest.yml"), VirtualImageSpecLoaderTest.seedManifest());
	}

	private static VirtualImageSpec parse(String yaml) {
		return new VirtualImageSpecLoader().parse(Path.of("spec.yml"), yaml);
	}

	private static Descriptor entry(String digest, String architecture, String variant) {
		return new Descriptor(MediaTypes.OCI_MANIFEST, digest, 100L, new Platform("linux", architecture, variant, null), null);
	}

}
