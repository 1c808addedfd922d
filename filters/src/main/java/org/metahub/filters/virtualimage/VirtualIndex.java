package org.metahub.filters.virtualimage;

import java.util.Map;

import org.metahub.filters.manifest.StoredManifest;

/**
 * A built virtual index: the bytes to serve (then selected per machine as any upstream list) and where
 * each of its manifests lives.
 *
 * @param bytes the OCI image index
 * @param digest {@code sha256} of exactly those bytes
 * @param mediaType always {@code application/vnd.oci.image.index.v1+json}
 * @param locations each component manifest digest mapped to the repository it is fetched from
 */
public record VirtualIndex(byte[] bytes, String digest, String mediaType, Map<String, ComponentLocation> locations) {

	public VirtualIndex {
		locations = Map.copyOf(locations);
	}

	/** The index as the manifest store keeps it. */
	public StoredManifest toStoredManifest() {
		return new StoredManifest(mediaType, bytes);
	}

}
