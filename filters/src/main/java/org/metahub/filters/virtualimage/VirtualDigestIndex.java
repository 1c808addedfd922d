package org.metahub.filters.virtualimage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the manifests and blobs requested under a virtual name live: fed with the component manifest
 * digests of each built index and with the config and layer digests of each child manifest served.
 * Bounded, least recently used first out; an unknown digest answers empty so that the caller can answer
 * {@code MANIFEST_UNKNOWN} or {@code BLOB_UNKNOWN}. In memory per replica.
 */
public final class VirtualDigestIndex {

	private record Key(String name, String digest) {
	}

	private final Map<Key, ComponentLocation> locations;

	public VirtualDigestIndex(int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException(
					"metahub.virtual-images.digest-index-size must be at least 1, got " + maxEntries);
		}
		this.locations = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, ComponentLocation> eldest) {
				return size() > maxEntries;
			}
		};
	}

	/** Remembers where a digest requested under the virtual name is fetched from. */
	public void remember(String virtualName, String digest, ComponentLocation location) {
		synchronized (locations) {
			locations.put(new Key(virtualName, digest), location);
		}
	}

	/** Remembers the component manifests of a built index. */
	public void rememberIndex(String virtualName, VirtualIndex index) {
		index.locations().forEach((digest, location) -> remember(virtualName, digest, location));
	}

	/**
	 * Remembers the blobs of a child manifest served under the virtual name, at the child's location.
	 * @throws org.metahub.filters.oci.OciException ({@code UPSTREAM_INVALID}) when the manifest is no JSON object
	 */
	public void rememberBlobs(String virtualName, byte[] childManifest, ComponentLocation location) {
		for (String digest : ManifestBlobs.digests(childManifest)) {
			remember(virtualName, digest, location);
		}
	}

	/** Where the digest lives, or empty when it was never seen under this name (or has been evicted). */
	public Optional<ComponentLocation> find(String virtualName, String digest) {
		synchronized (locations) {
			return Optional.ofNullable(locations.get(new Key(virtualName, digest)));
		}
	}

}
