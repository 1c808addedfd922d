package org.metahub.filters.virtualimage;

import java.util.List;

import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.oci.MediaTypes;

/**
 * What a component's reference currently resolves to, as the caller fetched it: an image manifest, or
 * the entries of a list, of which the builder picks the one for the component's platform.
 */
public sealed interface ComponentManifest {

	/** A component reference that names an image manifest. */
	static ComponentManifest image(String mediaType, String digest, long size) {
		return new Image(mediaType, digest, size);
	}

	/** A component reference that names a manifest list or image index with these entries. */
	static ComponentManifest list(List<Descriptor> entries) {
		return new ListEntries(entries);
	}

	/**
	 * @param mediaType the manifest's media type, without parameters
	 * @param digest the manifest's digest
	 * @param size the manifest's size in bytes
	 */
	record Image(String mediaType, String digest, long size) implements ComponentManifest {

		public Image {
			if (mediaType == null || mediaType.isBlank() || MediaTypes.isList(mediaType)) {
				throw new IllegalArgumentException("an image manifest needs a non-list media type, got " + mediaType);
			}
			mediaType = MediaTypes.essence(mediaType);
			DistributionGrammar.checkDigest(digest);
			if (size < 0) {
				throw new IllegalArgumentException("a manifest size must not be negative, got " + size);
			}
		}

	}

	/** @param entries the list's entries, in list order */
	record ListEntries(List<Descriptor> entries) implements ComponentManifest {

		public ListEntries {
			entries = List.copyOf(entries);
		}

	}

}
