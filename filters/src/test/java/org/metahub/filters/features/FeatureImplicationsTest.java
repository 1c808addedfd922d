package org.metahub.filters.features;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The implication graph: the built-in x86 table, configured edges, cycles and unknown features. */
class FeatureImplicationsTest {

	private static final FeatureImplications BUILT_IN = FeatureImplications.builtIn();

	static Stream<Arguments> builtInTable() {
		return Stream.of(
				// the names the matcher relies on
				Arguments.of("cpu:skylake", "cpu:broadwell", true),
				Arguments.of("cpu:skylake", "cpu:haswell", true),
				Arguments.of("cpu:skylake", "cpu:x86-64-v3", true),
				Arguments.of("cpu:skylake", "cpu:skylake-avx512", false),
				Arguments.of("cpu:skylake", "cpu:x86-64-v4", false),
				Arguments.of("cpu:broadwell", "cpu:x86-64-v3", true),
				Arguments.of("cpu:broadwell", "cpu:x86-64-v2", true),
				Arguments.of("cpu:broadwell", "cpu:x86-64-v4", false),
				Arguments.of("cpu:skylake-avx512", "cpu:x86-64-v4", true),
				Arguments.of("cpu:skylake-avx512", "cpu:skylake", true),
				Arguments.of("cpu:cascadelake", "cpu:skylake-avx512", true),
				Arguments.of("cpu:cascadelake", "cpu:skylake", true),
				Arguments.of("cpu:cooperlake", "cpu:cascadelake", true),
				// icelake-server has AVX512VNNI and CLWB; icelake-client lacks CLWB, so it does not
				Arguments.of("cpu:icelake-server", "cpu:cascadelake", true),
				Arguments.of("cpu:icelake-client", "cpu:cascadelake", false),
				Arguments.of("cpu:icelake-server", "cpu:cooperlake", false),
				Arguments.of("cpu:sapphirerapids", "cpu:cooperlake", true),
				Arguments.of("cpu:sapphirerapids", "cpu:icelake-server", true),
				Arguments.of("cpu:sapphirerapids", "cpu:tigerlake", false),
				Arguments.of("cpu:graniterapids", "cpu:sapphirerapids", true),
				Arguments.of("cpu:znver4", "cpu:x86-64-v4", true),
				Arguments.of("cpu:znver4", "cpu:icelake-client", true),
				Arguments.of("cpu:znver5", "cpu:znver4", true),
				Arguments.of("cpu:znver3", "cpu:x86-64-v3", true),
				Arguments.of("cpu:znver3", "cpu:x86-64-v4", false),
				Arguments.of("cpu:alderlake", "cpu:x86-64-v3", true),
				Arguments.of("cpu:alderlake", "cpu:x86-64-v4", false),
				Arguments.of("cpu:alderlake", "cpu:skylake-avx512", false),
				Arguments.of("cpu:alderlake", "cpu:skylake", true),
				// HLE and SGX are left out of the table; with them these two would be false
				Arguments.of("cpu:znver1", "cpu:haswell", true),
				Arguments.of("cpu:rocketlake", "cpu:skylake", true),
				Arguments.of("cpu:znver1", "cpu:bdver4", false),
				Arguments.of("cpu:bdver4", "cpu:haswell", true),
				Arguments.of("cpu:bdver4", "cpu:broadwell", false),
				// levels imply lower levels only
				Arguments.of("cpu:x86-64-v4", "cpu:x86-64-v3", true),
				Arguments.of("cpu:x86-64-v4", "cpu:x86-64-v2", true),
				Arguments.of("cpu:x86-64-v3", "cpu:x86-64-v2", true),
				Arguments.of("cpu:x86-64-v2", "cpu:x86-64-v3", false),
				Arguments.of("cpu:x86-64-v3", "cpu:haswell", false),
				// older names never imply newer ones
				Arguments.of("cpu:haswell", "cpu:broadwell", false),
				Arguments.of("cpu:broadwell", "cpu:skylake", false),
				Arguments.of("cpu:nehalem", "cpu:westmere", false),
				Arguments.of("cpu:znver3", "cpu:znver4", false),
				Arguments.of("cpu:x86-64", "cpu:x86-64-v2", false),
				Arguments.of("cpu:skylake-avx512", "cpu:cascadelake", false));
	}

	@ParameterizedTest(name = "{0} implies {1}: {2}")
	@MethodSource("builtInTable")
	void builtInTable(String host, String target, boolean implied) {
		assertThat(BUILT_IN.implies(host, target)).isEqualTo(implied);
		assertThat(BUILT_IN.closure(List.of(host)).contains(target)).isEqualTo(implied);
	}

	static Stream<Arguments> equivalentNames() {
		return Stream.of(
				// GCC gives these the same extension set
				Arguments.of("cpu:nehalem", "cpu:x86-64-v2"),
				Arguments.of("cpu:rocketlake", "cpu:icelake-client"),
				Arguments.of("cpu:emeraldrapids", "cpu:sapphirerapids"),
				Arguments.of("cpu:raptorlake", "cpu:alderlake"));
	}

	@ParameterizedTest(name = "{0} is equivalent to {1}")
	@MethodSource("equivalentNames")
	void equivalentNamesImplyEachOther(String one, String other) {
		assertThat(BUILT_IN.implies(one, other)).isTrue();
		assertThat(BUILT_IN.implies(other, one)).isTrue();
	}

	@Test
	void closureIsTheDeclaredFeaturePlusEverythingBelowItSorted() {
		assertThat(BUILT_IN.closure(List.of("cpu:broadwell"))).containsExactly(
				"cpu:broadwell", "cpu:haswell", "cpu:ivybridge", "cpu:nehalem", "cpu:sandybridge",
				"cpu:silvermont", "cpu:westmere", "cpu:x86-64", "cpu:x86-64-v2", "cpu:x86-64-v3");
	}

	@Test
	void configuredChainIsTransitive() {
		FeatureImplications implications = BUILT_IN.with(Map.of(
				"nvcap:8.0", List.of("nvcap:7.5"),
				"nvcap:7.5", List.of("nvcap:7.0")));

		assertThat(implications.implies("nvcap:8.0", "nvcap:7.0")).isTrue();
		assertThat(implications.implies("nvcap:7.0", "nvcap:8.0")).isFalse();
		assertThat(implications.closure(List.of("nvcap:8.0", "cpu:x86-64-v2"))).containsExactly(
				"cpu:nehalem", "cpu:x86-64", "cpu:x86-64-v2", "nvcap:7.0", "nvcap:7.5", "nvcap:8.0");
	}

	@Test
	void configuredEdgesReachIntoTheBuiltInTable() {
		FeatureImplications implications = BUILT_IN.with(Map.of("cpu:graviton-emulated", List.of("cpu:skylake")));

		assertThat(implications.implies("cpu:graviton-emulated", "cpu:haswell")).isTrue();
		assertThat(implications.implies("cpu:skylake", "cpu:graviton-emulated")).isFalse();
	}

	@Test
	void aCycleTerminatesAndMakesItsFeaturesEquivalent() {
		FeatureImplications implications = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> BUILT_IN.with(Map.of(
						"vendor:a", List.of("vendor:b"),
						"vendor:b", List.of("vendor:c"),
						"vendor:c", List.of("vendor:a"))));

		assertThat(implications.closure(List.of("vendor:b"))).containsExactly("vendor:a", "vendor:b", "vendor:c");
		assertThat(implications.implies("vendor:a", "vendor:c")).isTrue();
		assertThat(implications.implies("vendor:c", "vendor:b")).isTrue();
	}

	@Test
	void unknownFeaturesImplyOnlyThemselves() {
		assertThat(BUILT_IN.closure(List.of("gpu:unheard-of"))).containsExactly("gpu:unheard-of");
		assertThat(BUILT_IN.implies("gpu:unheard-of", "gpu:unheard-of")).isTrue();
		assertThat(BUILT_IN.implies("gpu:unheard-of", "cpu:x86-64")).isFalse();
		assertThat(BUILT_IN.closure(List.of())).isEmpty();
	}

	@Test
	void addingConfigurationLeavesTheBuiltInsUnchanged() {
		BUILT_IN.with(Map.of("cpu:x86-64", List.of("cpu:znver5")));

		assertThat(FeatureImplications.builtIn().implies("cpu:x86-64", "cpu:znver5")).isFalse();
	}

}
