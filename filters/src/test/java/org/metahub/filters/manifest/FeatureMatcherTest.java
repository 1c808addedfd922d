package org.metahub.filters.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metahub.config.MachineType;
import org.metahub.filters.features.FeatureImplications;
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
				new Case("implied: skylake host on broadwell and haswell builds gets broadwell",
						List.of(amd64("broadwell", "cpu:broadwell"), amd64("haswell", "cpu:haswell")),
						Set.of("cpu:skylake"), List.of("broadwell")),
				new Case("implied: same in the other list order",
						List.of(amd64("haswell", "cpu:haswell"), amd64("broadwell", "cpu:broadwell")),
						Set.of("cpu:skylake"), List.of("broadwell")),
				new Case("implied: haswell host cannot run broadwell, takes haswell",
						List.of(amd64("broadwell", "cpu:broadwell"), amd64("haswell", "cpu:haswell"), amd64("generic")),
						Set.of("cpu:haswell"), List.of("haswell")),
				new Case("subset match", List.of(amd64("generic"), amd64("avx", "cpu:avx2")),
						Set.of("cpu:avx2", "cpu:skylake", "nvcap:8.0"), List.of("avx")),
				new Case("most specific wins", List.of(amd64("one", "cpu:skylake"),
						amd64("two", "cpu:skylake", "nvcap:8.0"), amd64("fallback")),
						Set.of("cpu:skylake", "nvcap:8.0"), List.of("two")),
				new Case("unrelated features: the larger closure wins",
						List.of(amd64("gpu", "nvcap:8.0"), amd64("skylake", "cpu:skylake")),
						Set.of("cpu:skylake", "nvcap:8.0"), List.of("skylake")),
				new Case("equally specific: list order", List.of(amd64("first", "site:a"), amd64("second", "nvcap:8.0")),
						Set.of("site:a", "nvcap:8.0"), List.of("first")),
				new Case("equally specific, other order: list order",
						List.of(amd64("second", "nvcap:8.0"), amd64("first", "site:a")),
						Set.of("site:a", "nvcap:8.0"), List.of("second")),
				new Case("features implying nothing offered get the generic entry",
						List.of(amd64("skylake", "cpu:skylake"), amd64("fallback"), amd64("zen", "cpu:znver3")),
						Set.of("cpu:broadwell"), List.of("fallback")),
				new Case("the first of several generic entries", List.of(amd64("skylake", "cpu:skylake"),
						amd64("fallback"), amd64("fallback2")), Set.of("nvcap:8.0"), List.of("fallback")),
				new Case("other platforms kept, in list order",
						List.of(entry("arm", "linux", "arm64", "v8"), amd64("skylake", "cpu:skylake"),
								entry("armv7", "linux", "arm", "v7"), amd64("generic")),
						Set.of("cpu:skylake"), List.of("arm", "skylake", "armv7")),
				new Case("arm64 entries kept for an amd64 machine type, even with features",
						List.of(amd64("broadwell", "cpu:broadwell"), amd64("skylake", "cpu:skylake"),
								entry("arm", "linux", "arm64", null), arm64("neoverse", "cpu:neoverse-v1")),
						Set.of("cpu:broadwell"), List.of("broadwell", "arm", "neoverse")),
				new Case("amd64 v3 chosen for a broadwell host",
						List.of(amd64("baseline"), variant("v3", "v3"), entry("arm", "linux", "arm64", null)),
						Set.of("cpu:broadwell"), List.of("v3", "arm")),
				new Case("amd64 v3 ignored for a nehalem host",
						List.of(amd64("baseline"), variant("v3", "v3")), Set.of("cpu:nehalem"), List.of("baseline")),
				new Case("amd64 v3 ignored for an x86-64-v2 host, v2 taken",
						List.of(amd64("baseline"), variant("v2", "v2"), variant("v3", "v3")),
						Set.of("cpu:x86-64-v2"), List.of("v2")),
				new Case("amd64 v1 is the baseline", List.of(variant("v1", "v1"), variant("v3", "v3")),
						Set.of("cpu:westmere"), List.of("v1")),
				new Case("amd64 levels compete with features: skylake-avx512 host gets v4",
						List.of(variant("v2", "v2"), variant("v4", "v4"), amd64("generic"), variant("v3", "v3")),
						Set.of("cpu:skylake-avx512"), List.of("v4")),
				new Case("a named build beats the level it implies",
						List.of(variant("v3", "v3"), amd64("broadwell", "cpu:broadwell")),
						Set.of("cpu:skylake"), List.of("broadwell")),
				new Case("a variant adds to the entry's features",
						List.of(variantWithFeatures("v3-gpu", "v3", "nvcap:8.0"), amd64("gpu", "nvcap:8.0")),
						Set.of("cpu:nehalem", "nvcap:8.0"), List.of("gpu")),
				new Case("unknown amd64 variant needs a level nobody has",
						List.of(variant("v9", "v9"), amd64("generic")), Set.of("cpu:znver5"), List.of("generic")),
				new Case("annotation features", List.of(annotated("annotated", " cpu:skylake , nvcap:8.0 "),
						amd64("plain", "cpu:skylake")), Set.of("cpu:skylake", "nvcap:8.0"), List.of("annotated")),
				new Case("annotation features must all be present",
						List.of(annotated("annotated", "cpu:skylake,nvcap:8.0"), amd64("plain", "cpu:skylake")),
						Set.of("cpu:skylake"), List.of("plain")),
				new Case("no entry for the machine's platform: all kept",
						List.of(entry("arm", "linux", "arm64", null), entry("s390x", "linux", "s390x", null)),
						Set.of("cpu:skylake"), List.of("arm", "s390x")),
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
		List<Descriptor> entries = List.of(amd64("skylake", "cpu:skylake"), amd64("zen", "cpu:znver3", "nvcap:8.0"),
				entry("arm", "linux", "arm64", null));
		OciException error = catchThrowableOfType(OciException.class,
				() -> matcher.select(entries, Set.of("cpu:broadwell")));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.error().status().value()).isEqualTo(404);
		assertThat(error.getMessage()).contains("[cpu:broadwell]", "[cpu:skylake]", "[cpu:znver3, nvcap:8.0]",
				"linux/amd64");
		assertThat(error.detail()).isEqualTo(Map.of("machineFeatures", List.of("cpu:broadwell"), "offeredFeatures",
				List.of(List.of("cpu:skylake"), List.of("cpu:znver3", "nvcap:8.0"))));
	}

	@Test
	void fallbackNoneMakesAGenericOnlyMatchManifestUnknown() {
		MachineProfile none = profile(List.of("nvcap:8.0"), MachineType.Fallback.NONE, "linux/amd64");
		List<Descriptor> entries = List.of(amd64("skylake", "cpu:skylake"), amd64("fallback"),
				entry("arm", "linux", "arm64", null));
		Selection selection = matcher.select(entries, none);

		assertThat(selection.fits()).isFalse();
		assertThat(selection.chosen()).isEmpty();
		assertThat(selection.verdicts()).extracting(EntryVerdict::verdict).containsExactly(Verdict.INCOMPATIBLE,
				Verdict.FALLBACK_DISABLED, Verdict.OTHER_PLATFORM_KEPT);
		OciException error = catchThrowableOfType(OciException.class, () -> FeatureMatcher.requireFit(selection));
		assertThat(error.error()).isEqualTo(OciError.MANIFEST_UNKNOWN);
		assertThat(error.getMessage()).contains("fallback: none", "machine type 'gpu'");
	}

	@Test
	void fallbackNoneStillTakesASpecificEntry() {
		MachineProfile none = profile(List.of("cpu:skylake"), MachineType.Fallback.NONE, "linux/amd64");
		Selection selection = matcher.select(List.of(amd64("fallback"), amd64("haswell", "cpu:haswell")), none);
		assertThat(selection.chosen()).map(Descriptor::digest).contains("haswell");
	}

	@Test
	void everyEntryGetsAVerdictWithItsReason() {
		List<Descriptor> entries = List.of(amd64("generic"), amd64("haswell", "cpu:haswell"),
				amd64("skylake", "cpu:skylake"), variant("v4", "v4"), amd64("broadwell", "cpu:broadwell"),
				entry("arm", "linux", "arm64", "v8"));
		Selection selection = matcher.select(entries, profile(List.of("cpu:skylake"), MachineType.Fallback.GENERIC,
				"linux/amd64"));

		assertThat(selection.verdicts()).extracting(EntryVerdict::verdict).containsExactly(Verdict.FALLBACK,
				Verdict.COMPATIBLE, Verdict.CHOSEN, Verdict.INCOMPATIBLE, Verdict.COMPATIBLE, Verdict.OTHER_PLATFORM_KEPT);
		assertThat(selection.verdicts()).extracting(EntryVerdict::index).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(selection.verdicts()).extracting(EntryVerdict::outrankedBy)
			.containsExactly("skylake", "skylake", null, null, "skylake", null);
		EntryVerdict v4 = selection.verdicts().get(3);
		assertThat(v4.required()).containsExactly("cpu:x86-64-v4");
		assertThat(v4.missing()).containsExactly("cpu:x86-64-v4");
		assertThat(v4.reason()).contains("cpu:x86-64-v4", "amd64 variant v4");
		assertThat(selection.verdicts().get(1).reason()).contains("outranked by skylake", "[cpu:skylake] imply [cpu:haswell]");
		assertThat(selection.verdicts().get(5).reason()).contains("linux/arm64/v8", "kept unchanged");
		assertThat(selection.chosen()).map(Descriptor::digest).contains("skylake");
		assertThat(selection.kept()).extracting(Descriptor::digest).containsExactly("skylake", "arm");
	}

	@Test
	void anArm64MachineMatchesArm64EntriesAndKeepsAmd64Ones() {
		MachineProfile graviton = profile(List.of("cpu:neoverse-v1"), MachineType.Fallback.GENERIC, "linux/arm64");
		List<Descriptor> entries = List.of(amd64("skylake", "cpu:skylake"), entry("arm", "linux", "arm64", "v8"),
				arm64("neoverse", "cpu:neoverse-v1"), entry("armv7", "linux", "arm", "v7"));
		Selection selection = matcher.select(entries, graviton);
		assertThat(selection.kept()).extracting(Descriptor::digest).containsExactly("skylake", "neoverse", "armv7");
		assertThat(selection.chosen()).map(Descriptor::digest).contains("neoverse");
	}

	/** The worked example of docs/matching.md: three machine types, one image with five entries. */
	@Test
	void workedExampleOfTheDocumentation() {
		FeatureMatcher site = new FeatureMatcher(FeatureImplications.builtIn()
			.with(Map.of("nvcap:8.0", List.of("nvcap:7.5"))));
		List<Descriptor> entries = List.of(amd64("generic"), variant("v3", "v3"),
				amd64("avx512", "cpu:skylake-avx512"), amd64("gpu", "cpu:broadwell", "nvcap:7.5"),
				entry("arm", "linux", "arm64", null));
		MachineProfile gpu = MachineProfile.of(new MachineType("gpu-node", "gpu-node", "{noop}x",
				List.of("cpu:skylake", "nvcap:8.0")), site.implications());
		MachineProfile old = MachineProfile.of(new MachineType("old-node", "old-node", "{noop}x",
				List.of("cpu:westmere")), site.implications());
		MachineProfile zen = MachineProfile.of(new MachineType("zen-node", "zen-node", "{noop}x", List.of("cpu:znver4"),
				MachineType.Fallback.NONE, null, null, null), site.implications());

		assertThat(site.select(entries, gpu).verdicts()).extracting(EntryVerdict::verdict).containsExactly(
				Verdict.FALLBACK, Verdict.COMPATIBLE, Verdict.INCOMPATIBLE, Verdict.CHOSEN, Verdict.OTHER_PLATFORM_KEPT);
		assertThat(site.select(entries, old).verdicts()).extracting(EntryVerdict::verdict).containsExactly(
				Verdict.CHOSEN, Verdict.INCOMPATIBLE, Verdict.INCOMPATIBLE, Verdict.INCOMPATIBLE,
				Verdict.OTHER_PLATFORM_KEPT);
		assertThat(site.select(entries, zen).verdicts()).extracting(EntryVerdict::verdict).containsExactly(
				Verdict.FALLBACK_DISABLED, Verdict.COMPATIBLE, Verdict.CHOSEN, Verdict.INCOMPATIBLE,
				Verdict.OTHER_PLATFORM_KEPT);
	}

	@Test
	void configuredImplicationsAreFollowed() {
		FeatureMatcher withGpus = new FeatureMatcher(FeatureImplications.builtIn()
			.with(Map.of("nvcap:8.0", List.of("nvcap:7.5"), "nvcap:7.5", List.of("nvcap:7.0"))));
		List<Descriptor> entries = List.of(amd64("cuda70", "nvcap:7.0"), amd64("cuda75", "nvcap:7.5"),
				amd64("cuda90", "nvcap:9.0"));
		assertThat(withGpus.select(entries, Set.of("nvcap:8.0"))).extracting(Descriptor::digest)
			.containsExactly("cuda75");
		assertThat(matcher.select(entries, Set.of("nvcap:7.0"))).extracting(Descriptor::digest)
			.containsExactly("cuda70");
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

	static Descriptor variant(String label, String variant) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform("linux", "amd64", variant, null), null);
	}

	static Descriptor variantWithFeatures(String label, String variant, String... features) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform("linux", "amd64", variant, List.of(features)), null);
	}

	static Descriptor arm64(String label, String... features) {
		return new Descriptor("application/vnd.oci.image.manifest.v1+json", label, 1L,
				new Platform("linux", "arm64", null, List.of(features)), null);
	}

	static MachineProfile profile(List<String> features, MachineType.Fallback fallback, String platform) {
		return MachineProfile.of(new MachineType("gpu", "gpu", "{noop}x", features, fallback, MachineType.Resolve.LIST,
				platform, MachineType.Pinned.PASSTHROUGH), FeatureImplications.builtIn());
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
