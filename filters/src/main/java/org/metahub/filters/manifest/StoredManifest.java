package org.metahub.filters.manifest;

/**
 * A rewritten list as it is stored and served again by its digest.
 *
 * @param mediaType the list's media type, for Content-Type
 * @param bytes the exact bytes that were served
 */
public record StoredManifest(String mediaType, byte[] bytes) {

	public static StoredManifest of(RewrittenList list) {
		return new StoredManifest(list.mediaType(), list.bytes());
	}

}
