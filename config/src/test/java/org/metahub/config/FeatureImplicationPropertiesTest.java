package org.metahub.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding and start-up validation of {@code metahub.feature-implications}. */
class FeatureImplicationPropertiesTest {

	@Test
	void bindsBracketedKeysWithTheirColonAndDots() {
		FeatureImplicationProperties bound = bind(Map.of(
				"metahub.feature-implications.[nvcap:8.0][0]", "nvcap:7.5",
				"metahub.feature-implications.[nvcap:7.5][0]", "nvcap:7.0",
				"metahub.feature-implications.[nvcap:7.5][1]", "nvcap:6.1"));

		assertThat(bound.featureImplications()).containsOnly(
				Map.entry("nvcap:8.0", List.of("nvcap:7.5")),
				Map.entry("nvcap:7.5", List.of("nvcap:7.0", "nvcap:6.1")));
	}

	@Test
	void absentMeansNoConfiguredImplications() {
		assertThat(bind(Map.of()).featureImplications()).isEmpty();
	}

	@Test
	void anUnbracketedKeyStopsStartUpInsteadOfLosingItsColon() {
		assertThatThrownBy(() -> bind(Map.of("metahub.feature-implications.nvcap:7.5[0]", "nvcap:7.0")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("metahub.feature-implications.nvcap7.5")
			.hasMessageContaining("\"[nvcap:8.0]\"");
	}

	static Stream<Arguments> badInput() {
		return Stream.of(
				Arguments.of(" ", List.of("nvcap:7.5"), "a feature name must not be blank"),
				Arguments.of("nvcap:8.0", List.of(), "metahub.feature-implications.[nvcap:8.0]: list at least one"),
				Arguments.of("nvcap:8.0", Arrays.asList("nvcap:7.5", null), "[nvcap:8.0]: implied features must not be blank"),
				Arguments.of("nvcap:8.0", List.of(" "), "[nvcap:8.0]: implied features must not be blank"));
	}

	@ParameterizedTest
	@MethodSource("badInput")
	void badInputNamesTheKey(String feature, List<String> implied, String message) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		map.put(feature, implied);

		assertThatThrownBy(() -> new FeatureImplicationProperties(map))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("metahub.feature-implications")
			.hasMessageContaining(message);
	}

	private static FeatureImplicationProperties bind(Map<String, String> source) {
		return new Binder(new MapConfigurationPropertySource(source))
			.bindOrCreate("metahub", FeatureImplicationProperties.class);
	}

}
