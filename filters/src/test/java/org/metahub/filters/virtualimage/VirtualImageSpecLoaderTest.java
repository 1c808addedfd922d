package org.metahub.filters.virtualimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metahub.filters.manifest.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a folder of specs at start-up, and the message each kind of invalid file gives. */
class VirtualImageSpecLoaderTest {

	private static final String COMPONENTS = """
			manifests:
			  - image: qnib/bench:broadwell
			    platform: {architecture: amd64, os: linux}
			""";

	private final VirtualImageSpecLoader loader = new VirtualImageSpecLoader();

	@TempDir
	Path folder;

	@Test
	void theSeedProjectsManifestYmlLoads() throws IOException {
		write("manifest.yml", seedManifest());

		List<VirtualImageSpec> specs = loader.load(folder);

		assertThat(specs).hasSize(1);
		VirtualImageSpec spec = specs.get(0);
		assertThat(spec.source()).isEqualTo(folder.resolve("manifest.yml"));
		assertThat(spec.name()).isEqualTo("qnib/bench");
		assertThat(spec.tags()).containsExactly("latest", "1.0", "stable");
		assertThat(spec.components()).containsExactly(
				new VirtualImageSpec.Component(new ComponentReference(null, "qnib/bench", "broadwell", null),
						new Platform("linux", "amd64", "v3", List.of("cpu:broadwell"))),
				new VirtualImageSpec.Component(new ComponentReference("ghcr.io", "qnib/bench", "skylake", null),
						new Platform("linux", "amd64", null, List.of("cpu:skylake"))));
	}

	@Test
	void aRegistryHostOfTheImageIsKeptAsWritten() {
		VirtualImageSpec spec = loader.parse(Path.of("h.yml"), "image: docker.io/qnib/bench\n" + COMPONENTS);

		assertThat(spec.host()).isEqualTo("docker.io");
		assertThat(spec.name()).isEqualTo("qnib/bench");
	}

	@Test
	void tagsThatLookLikeNumbersStayAsWritten() {
		VirtualImageSpec spec = loader.parse(Path.of("n.yml"), "image: qnib/n:1.10\ntags: [1.0, 2, 010]\n" + COMPONENTS);

		assertThat(spec.tags()).containsExactly("1.10", "1.0", "2", "010");
	}

	@Test
	void aMissingTagMeansLatestAndRepeatedTagsCountOnce() {
		VirtualImageSpec spec = loader.parse(Path.of("r.yml"), "image: qnib/r\ntags: [latest, x, x]\n" + COMPONENTS);

		assertThat(spec.tags()).containsExactly("latest", "x");
	}

	@Test
	void yamlFilesAreReadInNameOrderAndOtherFilesAreIgnored() throws IOException {
		write("b.yaml", spec("qnib/b"));
		write("a.yml", spec("qnib/a"));
		write("C.YML", spec("qnib/c"));
		write("notes.txt", "not a spec");
		write("manifest.yml.bak", "not: [a spec");
		write(".hidden.yml", "not: [a spec");
		Files.createDirectory(folder.resolve("sub.yml"));
		Files.createDirectory(folder.resolve("nested"));
		Files.writeString(folder.resolve("nested/d.yml"), "not: [a spec");

		assertThat(loader.load(folder)).extracting(VirtualImageSpec::name).containsExactly("qnib/c", "qnib/a", "qnib/b");
	}

	@Test
	void anEmptyFolderHasNoSpecs() {
		assertThat(loader.load(folder)).isEmpty();
	}

	@Test
	void aLocationThatIsNoFolderNamesTheKey() {
		Path missing = folder.resolve("missing");

		assertThatThrownBy(() -> loader.load(missing)).isInstanceOf(InvalidVirtualImageSpecException.class)
			.hasMessage("metahub.virtual-images.location: " + missing + " is not a directory");
	}

	static Stream<Arguments> invalidFiles() {
		return Stream.of(
				Arguments.of("not YAML", "image: [qnib/bench\n", "is not valid YAML: "),
				Arguments.of("not UTF-8", "image: caf\u00e9", "is not UTF-8 text"),
				Arguments.of("empty", "", "is empty"),
				Arguments.of("only a comment", "# nothing\n", "is empty"),
				Arguments.of("a list at the top", "- image: a\n", "must be a mapping, not a list"),
				Arguments.of("two documents", "image: a\n---\nimage: b\n", "is not valid YAML: expected a single document in the stream but found another document"),
				Arguments.of("a repeated key", "image: qnib/a\nimage: qnib/b\n" + COMPONENTS, "is not valid YAML: found duplicate key image"),
				Arguments.of("unknown top-level key", "image: qnib/a\nplatforms: [linux/amd64]\n" + COMPONENTS,
						"platforms is not a known key; expected one of [image, manifests, tags]"),
				Arguments.of("missing image", COMPONENTS, "image is missing"),
				Arguments.of("image not a string", "image: {name: a}\n" + COMPONENTS, "image must be a string, not a mapping"),
				Arguments.of("name outside the grammar", "image: Qnib/Bench:latest\n" + COMPONENTS,
						"image 'Qnib/Bench' is not a valid repository name"),
				Arguments.of("tag outside the grammar", "image: qnib/bench:.hidden\n" + COMPONENTS, "image '.hidden' is not a valid tag"),
				Arguments.of("image by digest", "image: qnib/bench@sha256:" + "a".repeat(64) + "\n" + COMPONENTS, "is a digest"),
				Arguments.of("tags not a list", "image: qnib/a\ntags: stable\n" + COMPONENTS, "tags must be a list, not string"),
				Arguments.of("extra tag outside the grammar", "image: qnib/a\ntags: [ok, 'a b']\n" + COMPONENTS,
						"tags[1] 'a b' is not a valid tag"),
				Arguments.of("missing manifests", "image: qnib/a\n", "manifests is missing"),
				Arguments.of("empty manifests", "image: qnib/a\nmanifests: []\n", "manifests is empty"),
				Arguments.of("entry not a mapping", "image: qnib/a\nmanifests: [qnib/b]\n", "manifests[0] must be a mapping, not string"),
				Arguments.of("unknown entry key", "image: qnib/a\nmanifests:\n  - image: qnib/b\n    platfrom: {os: linux}\n",
						"manifests[0].platfrom is not a known key; expected one of [image, platform]"),
				Arguments.of("component without image", "image: qnib/a\nmanifests:\n  - platform: {architecture: amd64, os: linux}\n",
						"manifests[0].image is missing"),
				Arguments.of("component reference that does not parse",
						"image: qnib/a\nmanifests:\n  - image: qnib/b:ok\n    platform: {architecture: amd64, os: linux}\n"
								+ "  - image: qnib/b@sha256:short\n    platform: {architecture: amd64, os: linux}\n",
						"manifests[1].image 'sha256:short' is not a valid digest"),
				Arguments.of("component without platform", "image: qnib/a\nmanifests:\n  - image: qnib/b\n", "manifests[0].platform is missing"),
				Arguments.of("missing architecture",
						"image: qnib/a\nmanifests:\n  - image: qnib/b:1\n    platform: {architecture: amd64, os: linux}\n"
								+ "  - image: qnib/b:2\n    platform: {os: linux}\n",
						"manifests[1].platform.architecture is missing"),
				Arguments.of("missing os", "image: qnib/a\nmanifests:\n  - image: qnib/b\n    platform: {architecture: amd64}\n",
						"manifests[0].platform.os is missing"),
				Arguments.of("blank os", "image: qnib/a\nmanifests:\n  - image: qnib/b\n    platform: {architecture: amd64, os: ' '}\n",
						"manifests[0].platform.os is empty"),
				Arguments.of("unknown platform key",
						"image: qnib/a\nmanifests:\n  - image: qnib/b\n    platform: {architecture: amd64, os: linux, feature: [cpu:x]}\n",
						"manifests[0].platform.feature is not a known key; expected one of [architecture, features, os, variant]"),
				Arguments.of("features not a list",
						"image: qnib/a\nmanifests:\n  - image: qnib/b\n    platform: {architecture: amd64, os: linux, features: cpu:x}\n",
						"manifests[0].platform.features must be a list, not string"),
				Arguments.of("feature with a comma",
						"image: qnib/a\nmanifests:\n  - image: qnib/b\n    platform: {architecture: amd64, os: linux, features: ['cpu:x,cpu:y']}\n",
						"manifests[0].platform.features[0] 'cpu:x,cpu:y' contains a comma"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFiles")
	void anInvalidFileNamesTheFileAndTheField(String kind, String content, String message) throws IOException {
		Path file = folder.resolve("bench.yml");
		if (kind.equals("not UTF-8")) {
			Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
		}
		else {
			Files.writeString(file, content);
		}

		assertThatThrownBy(() -> loader.load(folder)).isInstanceOf(InvalidVirtualImageSpecException.class)
			.hasMessageStartingWith("virtual image spec " + file + ": ")
			.hasMessageContaining(message);
	}

	@Test
	void invalidYamlSaysWhere() throws IOException {
		write("bench.yml", "image: qnib/a\nmanifests:\n  - image: [x\n");

		assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining(" at line ");
	}

	@Test
	void twoSpecsDeclaringTheSameImageAndTagAreRejected() throws IOException {
		write("a.yml", "image: qnib/bench:latest\ntags: [stable]\n" + COMPONENTS);
		write("b.yaml", "image: qnib/bench:beta\ntags: [stable]\n" + COMPONENTS);

		assertThatThrownBy(() -> new VirtualImages(loader.load(folder), VirtualImagesTest.UPSTREAMS))
			.isInstanceOf(InvalidVirtualImageSpecException.class)
			.hasMessage("virtual image spec " + folder.resolve("b.yaml") + ": tags qnib/bench:stable is also declared by "
					+ folder.resolve("a.yml"));
	}

	@Test
	void theSameNameWithOtherTagsInTwoFilesIsOneVirtualImage() throws IOException {
		write("a.yml", "image: qnib/bench:latest\n" + COMPONENTS);
		write("b.yml", "image: qnib/bench:beta\n" + COMPONENTS);

		VirtualImages images = new VirtualImages(loader.load(folder), VirtualImagesTest.UPSTREAMS);

		assertThat(images.names()).containsExactly("docker.io/qnib/bench");
		assertThat(images.tags("docker.io/qnib/bench")).containsExactly("beta", "latest");
	}

	static String seedManifest() throws IOException {
		try (InputStream in = VirtualImageSpecLoaderTest.class.getResourceAsStream("manifest.yml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String spec(String name) {
		return "image: " + name + "\n" + COMPONENTS;
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(folder.resolve(name), content);
	}

}
