package org.metahub.filters.manifest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Docker manifest list or OCI image index: the entries that matter for selection.
 *
 * @param mediaType the document's own {@code mediaType}, or {@code null} when it has none
 * @param manifests the entries, in list order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManifestList(String mediaType, List<Descriptor> manifests) {

	public ManifestList {
		manifests = List.copyOf(manifests);
	}

}
