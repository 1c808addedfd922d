package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.metahub.filters.manifest.ListFixtures.ARM;
import static org.metahub.filters.manifest.ListFixtures.BROADWELL;
import static org.metahub.filters.manifest.ListFixtures.SKYLAKE;

class IndexRewriterTest {

	private final IndexRewriter rewriter = new IndexRewriter(new ManifestListParser(), new FeatureMatcher());

	@Test
	void ociIndexKeepsTheBestEntryPerPlatformAndEveryOtherField() {
		byte[] original = ListFixtures.ociIndex();
		RewrittenList list = rewriter.rewrite(original, MediaTypes.OCI_INDEX, Set.of("cpu:skylake"));

		assertThat(list.digest()).isEqualTo(Digests.sha256(list.bytes())).isNotEqualTo(Digests.sha256(original));
		assertThat(list.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
		assertThat(list.chosen()).extracting(Descriptor::digest).containsExactly(SKYLAKE, ARM);
		ObjectNode expected = (ObjectNode) ManifestListParser.JSON.readTree(original);
		ArrayNode manifests = (ArrayNode) expected.get("manifests");
		manifests.remove(2);
		manifests.remove(0);
		String text = new String(list.bytes(), StandardCharsets.UTF_8);
		assertThat(text).isEqualTo(ManifestListParser.JSON.writeValueAsString(expected));
		assertThat(text).contains("\"ratio\":1.50", "\"big\":12345678901234567890", "\"os.version\":\"6.1\"",
				"\"subject\":", "\"artifactType\":\"application/vnd.example+type\"");
		assertThat(text.indexOf("\"schemaVersion\"")).isLessThan(text.indexOf("\"manifests\""));
		assertThat(text.indexOf("\"manifests\"")).isLessThan(text.indexOf("\"subject\""));
	}

	@Test
	void dockerListWithAnnotatedFeatures() {
		RewrittenList list = rewriter.rewrite(ListFixtures.dockerList(), MediaTypes.DOCKER_LIST,
				Set.of("cpu:skylake", "nvcap:8.0"));
		assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_LIST);
		assertThat(list.digest()).isEqualTo(Digests.sha256(list.bytes()));
		JsonNode rewritten = ManifestListParser.JSON.readTree(list.bytes());
		assertThat(rewritten.get("mediaType").asString()).isEqualTo(MediaTypes.DOCKER_LIST);
		assertThat(rewritten.get("manifests")).hasSize(2);
		assertThat(rewritten.get("manifests").get(0).get("digest").asString()).isEqualTo(SKYLAKE);
		assertThat(rewritten.get("manifests").get(0).get("annotations").get(Descriptor.FEATURES_ANNOTATION).asString())
			.isEqualTo("cpu:skylake, nvcap:8.0");
		assertThat(rewritten.get("manifests").get(1).get("digest").asString()).isEqualTo(ARM);
	}

	@Test
	void sameInputAndFeaturesGiveTheSameBytes() {
		byte[] original = ListFixtures.ociIndex();
		Set<String> forward = new LinkedHashSet<>(List.of("cpu:skylake", "cpu:broadwell"));
		Set<String> backward = new LinkedHashSet<>(List.of("cpu:broadwell", "cpu:skylake"));
		RewrittenList first = rewriter.rewrite(original, MediaTypes.OCI_INDEX, forward);
		RewrittenList again = new IndexRewriter(new ManifestListParser(), new FeatureMatcher())
			.rewrite(original.clone(), MediaTypes.OCI_INDEX, backward);
		assertThat(again.bytes()).isEqualTo(first.bytes());
		assertThat(again.digest()).isEqualTo(first.digest());
	}

	@Test
	void differentMachinesGetDifferentDigests() {
		byte[] original = ListFixtures.ociIndex();
		assertThat(rewriter.rewrite(original, MediaTypes.OCI_INDEX, Set.of("cpu:broadwell")).digest())
			.isNotEqualTo(rewriter.rewrite(original, MediaTypes.OCI_INDEX, Set.of("cpu:skylake")).digest());
	}

	@Test
	void listWhereNothingIsDroppedKeepsTheUpstreamBytes() {
		byte[] original = ("{\"schemaVersion\":2,  \"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
				+ "\",\"digest\":\"" + ARM + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]}")
			.getBytes(StandardCharsets.UTF_8);
		RewrittenList list = rewriter.rewrite(original, MediaTypes.OCI_INDEX + "; charset=utf-8", Set.of());
		assertThat(list.bytes()).isEqualTo(original);
		assertThat(list.digest()).isEqualTo(Digests.sha256(original));
		assertThat(list.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
	}

	@Test
	void singleManifestsAreNeverRewritten() {
		assertThatThrownBy(() -> rewriter.rewrite(ListFixtures.singleManifest(), MediaTypes.OCI_MANIFEST, Set.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void noFittingEntryIsManifestUnknown() {
		// the arm64 entry is for another platform: it does not make the list fit an amd64 machine
		OciException error = catchThrowableOfType(OciException.class,
				() -> rewriter.rewrite(ListFixtures.dockerList(), MediaTypes.DOCKER_LIST, Set.of("cpu:zen3")));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.getMessage()).contains("cpu:zen3", "cpu:broadwell", "linux/amd64");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"manifests\":[", "[]", "{\"schemaVersion\":2}", "{\"manifests\":{}}",
			"{\"manifests\":[]} trailing", "{\"manifests\":[{\"platform\":\"amd64\"}]}",
			"{\"manifests\":[{\"platform\":{\"features\":{\"a\":1}}}]}", "{\"manifests\":[{\"size\":\"big\"}]}", "" })
	void malformedListsAreTheUpstreamsFault(String body) {
		OciException error = catchThrowableOfType(OciException.class,
				() -> rewriter.rewrite(body.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX, Set.of()));
		assertThat(error).as(body).isNotNull();
		assertThat(error.error()).isEqualTo(OciError.UPSTREAM_INVALID);
		assertThat(error.error().status().value()).isEqualTo(502);
		assertThat(error.getMessage()).startsWith("the upstream sent a manifest list");
	}

}
