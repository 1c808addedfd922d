package org.metahub.filters.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeatureMatcherTest {

	private final FeatureMatcher matcher = new FeatureMatcher();

	record Case(String name, List<Descriptor> entries, Set<String> machine, List<String> expected) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<Case> cases() {
		return Stream.of(
				new Case("exact match", List.of(amd64("broadwell", "cpu:broadwell"), amd64("skylake", "cpu:skylake")),
						Set.of("cpu:skylake"), List.of("skylake")),
				new Case("subset match", List.of(amd64("generic"), amd64("avx", "cpu:avx2")),
						Set.of("cpu:avx2", "cpu:skylake", "nvcap:8.0"), List.of("avx")),
				new Case("most features wins", List.of(amd64("one", "cpu:skylake"), amd64("two", "cpu:skylake", "nvcap:8.0"),
						amd64("fallback")), Set.of("cpu:skylake", "nvcap:8.0"), List.of("two")),
				new Case("tie broken by list order", List.of(amd64("first", "cpu:skylake"), amd64("second", "nvcap:8.0")),
						Set.of("cpu:skylake", "nvcap:8.0"), List.of("first")),
				new Case("fallback when nothing specific fits", List.of(amd64("skylake", "cpu:skylake"), amd64("fallback"),
						amd64("zen", "cpu:zen3")), Set.of("cpu:broadwell"), List.of("fallback")),
				new Case("other platforms kept, in order of first appearance",
						List.of(entry("arm", "linux", "arm64", "v8"), amd64("skylake", "cpu:skylake"),
								entry("armv7", "linux", "arm", "v7"), amd64("generic")),
						Set.of("cpu:skylake"), List.of("arm", "skylake", "armv7")),
				new Case("arm64 entry kept for an amd64 machine type",
						List.of(amd64("broadwell", "cpu:broadwell"), amd64("skylake", "cpu:skylake"),
								entry("arm", "linux", "arm64", null)),
						Set.of("cpu:broadwell"), List.of("broadwell", "arm")),
				new Case("variants are separate platforms",
						List.of(entry("v2", "linux", "amd64", "v2"), entry("v3", "linux", "amd64", "v3")),
						Set.of(), List.of("v2", "v3")),
				new Case("annotation features", List.of(annotated("annotated", " cpu:skylake , nvcap:8.0 "),
						amd64("plain", "cpu:skylake")), Set.of("cpu:skylake", "nvcap:8.0"), List.of("annotated")),
				new Case("annotation features must all be present",
						List.of(annotated("annotated", "cpu:skylake,nvcap:8.0"), amd64("plain", "cpu:skylake")),
						Set.of("cpu:skylake"), List.of("plain")),
				new Case("machine without features gets the fallback",
						List.of(amd64("skylake", "cpu:skylake"), amd64("fallback")), Set.of(), List.of("fallback")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void selectsOneEntryPerPlatform(Case c) {
		List<String> chosen = matcher.select(c.entries(), c.machine()).stream().map(Descriptor::digest).toList();
		assertThat(chosen).containsExactlyElementsOf(c.expected());
	}

	@Test
	void noCompatibleEntryIsManifestUnknownNamingTheFeatures() {
		List<Descriptor> entries = List.of(amd64("skylake", "cpu:skylake"), amd64("zen", "cpu:zen3", "nvcap:8.0"));
		OciException error = catchThrowableOfType(OciException.class,
				() -> matcher.select(entries, Set.of("cpu:broadwell")));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.error().status().value()).isEqualTo(404);
		assertThat(error.getMessage()).contains("[cpu:broadwell]", "[cpu:skylake]", "[cpu:zen3, nvcap:8.0]");
		assertThat(error.detail()).isEqualTo(Map.of("machineFeatures", List.of("cpu:broadwell"), "offeredFeatures",
				List.of(List.of("cpu:skylake"), List.of("cpu:zen3", "nvcap:8.0"))));
	}

	@Test
	void rankingRuleCanBeSwapped() {
		FeatureMatcher fewestFeatures = new FeatureMatcher(EntryRanking.MOST_FEATURES.reversed());
		List<Descriptor> entries = List.of(amd64("specific", "cpu:skylake"), amd64("fallback"));
		assertThat(fewestFeatures.select(entries, Set.of("cpu:skylake"))).extracting(Descriptor::digest)
			.containsExactly("fallback");
	}

	@Test
	void selectionIsDeterministic() {
		List<Descriptor> entries = List.of(amd64("a", "x"), amd64("b", "y"), amd64("c", "z"), entry("arm", "linux", "arm64", null));
		Set<String> machine = Set.of("z", "y", "x");
		List<Descriptor> first = matcher.select(entries, machine);
		for (int i = 0; i < 20; i++) {
			assertThat(matcher.select(entries, Set.copyOf(Arrays.asList("x", "y", "z")))).isEqualTo(first);
		}
		assertThat(first).extracting(Descriptor::digest).containsExactly("a", "arm");
	}

	static Descriptor amd64(String label, String... features) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform("linux", "amd64", null, List.of(features)), null);
	}

	static Descriptor entry(String label, String os, String architecture, String variant) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform(os, architecture, variant, null), null);
	}

	static Descriptor annotated(String label, String features) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform("linux", "amd64", null, null), Map.of(Descriptor.FEATURES_ANNOTATION, features));
	}

}
