package org.metahub.filters.manifest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The platform of a list entry, as the OCI index and the Docker manifest list describe it.
 *
 * @param os operating system, such as {@code linux}
 * @param architecture CPU architecture, such as {@code amd64}
 * @param variant architecture variant, such as {@code v8} or {@code v3}, or {@code null}
 * @param features the {@code platform.features} the entry requires, never {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Platform(String os, String architecture, String variant, List<String> features) {

	public Platform {
		features = features == null ? List.of() : List.copyOf(features);
	}

	/** What clients match on: os, architecture and variant, without the features. */
	public Key key() {
		return new Key(os, architecture, variant);
	}

	/** The identity of a platform that clients choose by; list entries are grouped by it. */
	public record Key(String os, String architecture, String variant) {

		static final Key NONE = new Key(null, null, null);

	}

}
