package org.metahub.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Site-specific feature implications ({@code metahub.feature-implications}), added to the built-in x86 table.
 *
 * @param featureImplications each feature mapped to the features it directly implies, such as
 *        {@code "[nvcap:8.0]": [nvcap:7.5]} (keys in brackets keep their ':'); implication is transitive
 *        and features implying each other are equivalent
 */
@ConfigurationProperties("metahub")
public record FeatureImplicationProperties(Map<String, List<String>> featureImplications) {

	private static final String KEY = "metahub.feature-implications";

	public FeatureImplicationProperties {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		if (featureImplications != null) {
			featureImplications.forEach((feature, implied) -> {
				if (feature == null || feature.isBlank()) {
					throw new IllegalArgumentException(KEY + ": a feature name must not be blank");
				}
				String key = KEY + ".[" + feature + "]";
				if (!feature.contains(":")) {
					// Spring Boot drops ':' from map keys that are not written in brackets
					throw new IllegalArgumentException(KEY + "." + feature + ": a feature needs a prefix such as "
							+ "'nvcap:'; write the key in brackets, such as \"[nvcap:8.0]\", so that its ':' is kept");
				}
				if (implied == null || implied.isEmpty()) {
					throw new IllegalArgumentException(key + ": list at least one implied feature");
				}
				for (String one : implied) {
					if (one == null || one.isBlank()) {
						throw new IllegalArgumentException(key + ": implied features must not be blank");
					}
				}
				copy.put(feature.strip(), implied.stream().map(String::strip).toList());
			});
		}
		featureImplications = Map.copyOf(copy);
	}

}
