package org.metahub.filters.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a manifest list or image index.
 *
 * @param mediaType media type of the manifest the entry points at
 * @param digest digest of that manifest
 * @param size size of that manifest in bytes, or {@code null} when the list omits it
 * @param platform the entry's platform, or {@code null} when the list gives none
 * @param annotations the entry's annotations, never {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(String mediaType, String digest, Long size, Platform platform,
		Map<String, String> annotations) {

	/** The annotation that carries required features portably, since the OCI spec reserves platform.features. */
	public static final String FEATURES_ANNOTATION = "org.metahub.platform.features";

	public Descriptor {
		annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
	}

	/** The platform clients choose this entry by. */
	public Platform.Key platformKey() {
		return platform == null ? Platform.Key.NONE : platform.key();
	}

	/** Features the host must have: {@code platform.features} and the comma-separated annotation, in order. */
	public Set<String> requiredFeatures() {
		Set<String> features = new LinkedHashSet<>();
		if (platform != null) {
			platform.features().stream().map(String::trim).filter(f -> !f.isEmpty()).forEach(features::add);
		}
		String annotated = annotations.get(FEATURES_ANNOTATION);
		if (annotated != null) {
			for (String feature : annotated.split(",")) {
				if (!feature.isBlank()) {
					features.add(feature.trim());
				}
			}
		}
		return Collections.unmodifiableSet(features);
	}

}
