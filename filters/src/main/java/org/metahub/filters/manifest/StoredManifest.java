package org.metahub.filters.manifest;

/**
 * A rewritten list as it is stored and served again by its digest.
 *
 * @param mediaType the list's media type, for Content-Type
 * @param bytes the exact bytes that were served
 * @param origin the digest of the upstream list it was rewritten from, or {@code null} when unknown (built
 *     indexes, entries stored before the origin was kept)
 */
public record StoredManifest(String mediaType, byte[] bytes, String origin) {

	public StoredManifest(String mediaType, byte[] bytes) {
		this(mediaType, bytes, null);
	}

	public static StoredManifest of(RewrittenList list, String origin) {
		return new StoredManifest(list.mediaType(), list.bytes(), origin);
	}

}
