package org.metahub.filters.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Ranking compatible entries: the most specific wins, whatever the list order. */
class SpecificityTest {

	private static final FeatureImplications IMPLICATIONS = FeatureImplications.builtIn()
		.with(Map.of("nvcap:8.0", List.of("nvcap:7.5"), "nvcap:7.5", List.of("nvcap:7.0")));

	private static final Specificity SPECIFICITY = new Specificity(IMPLICATIONS);

	/** An index entry as the matcher will see it: a name and its required features. */
	record Entry(String name, Set<String> required) {
	}

	static Stream<Arguments> choices() {
		Entry haswell = new Entry("haswell", Set.of("cpu:haswell"));
		Entry broadwell = new Entry("broadwell", Set.of("cpu:broadwell"));
		Entry generic = new Entry("generic", Set.of());
		Entry v2 = new Entry("v2", Set.of("cpu:x86-64-v2"));
		Entry cuda = new Entry("cuda", Set.of("nvcap:7.0"));
		Entry rocketlake = new Entry("rocketlake", Set.of("cpu:rocketlake"));
		Entry icelake = new Entry("icelake", Set.of("cpu:icelake-client"));
		return Stream.of(
				Arguments.of(List.of("cpu:skylake"), List.of(haswell, broadwell), "broadwell"),
				Arguments.of(List.of("cpu:skylake"), List.of(broadwell, haswell), "broadwell"),
				Arguments.of(List.of("cpu:skylake"), List.of(generic, haswell, v2), "haswell"),
				Arguments.of(List.of("cpu:haswell"), List.of(broadwell, v2, generic), "v2"),
				// features that imply nothing offered: only the entry requiring nothing fits
				Arguments.of(List.of("nvcap:8.0"), List.of(haswell, broadwell, generic), "generic"),
				Arguments.of(List.of("nvcap:8.0"), List.of(haswell, broadwell), null),
				// neither implies the other: the larger closure (haswell's) wins
				Arguments.of(List.of("cpu:skylake", "nvcap:8.0"), List.of(cuda, haswell), "haswell"),
				Arguments.of(List.of("cpu:skylake", "nvcap:8.0"), List.of(haswell, cuda), "haswell"),
				// equivalent names tie, so list order decides
				Arguments.of(List.of("cpu:znver4"), List.of(rocketlake, icelake), "rocketlake"),
				Arguments.of(List.of("cpu:znver4"), List.of(icelake, rocketlake), "icelake"));
	}

	@ParameterizedTest(name = "{0} among {1} -> {2}")
	@MethodSource("choices")
	void mostSpecificCompatibleEntryWins(List<String> machine, List<Entry> entries, String expected) {
		Set<String> has = IMPLICATIONS.closure(machine);
		List<Entry> compatible = entries.stream().filter(entry -> has.containsAll(entry.required())).toList();

		Optional<Entry> chosen = SPECIFICITY.mostSpecific(compatible, Entry::required);

		assertThat(chosen.map(Entry::name)).isEqualTo(Optional.ofNullable(expected));
	}

	static Stream<Arguments> pairs() {
		return Stream.of(
				Arguments.of(Set.of("cpu:broadwell"), Set.of("cpu:haswell"), -1),
				Arguments.of(Set.of("cpu:haswell"), Set.of("cpu:broadwell"), 1),
				Arguments.of(Set.of("cpu:x86-64-v2"), Set.of(), -1),
				Arguments.of(Set.of(), Set.of("cpu:x86-64-v2"), 1),
				Arguments.of(Set.of(), Set.of(), 0),
				Arguments.of(Set.of("cpu:nehalem"), Set.of("cpu:x86-64-v2"), 0),
				Arguments.of(Set.of("cpu:haswell", "nvcap:7.0"), Set.of("cpu:haswell"), -1),
				Arguments.of(Set.of("nvcap:8.0"), Set.of("cpu:haswell"), 1));
	}

	@ParameterizedTest(name = "{0} vs {1}: {2}")
	@MethodSource("pairs")
	void comparesPairs(Set<String> a, Set<String> b, int expected) {
		assertThat(Integer.signum(SPECIFICITY.compare(a, b))).isEqualTo(expected);
	}

	@Test
	void orderIsAntisymmetricAndTransitiveOverTheBuiltInNames() {
		List<Collection<String>> sets = new ArrayList<>();
		sets.add(Set.of());
		X86Microarchitectures.all().forEach(arch -> sets.add(Set.of(arch.feature())));
		sets.add(Set.of("cpu:haswell", "nvcap:8.0"));

		for (Collection<String> a : sets) {
			for (Collection<String> b : sets) {
				assertThat(Integer.signum(SPECIFICITY.compare(a, b)))
					.as("%s vs %s", a, b)
					.isEqualTo(-Integer.signum(SPECIFICITY.compare(b, a)));
				for (Collection<String> c : sets) {
					if (SPECIFICITY.compare(a, b) <= 0 && SPECIFICITY.compare(b, c) <= 0) {
						assertThat(SPECIFICITY.compare(a, c)).as("%s, %s, %s", a, b, c).isLessThanOrEqualTo(0);
					}
				}
			}
		}
	}

}
