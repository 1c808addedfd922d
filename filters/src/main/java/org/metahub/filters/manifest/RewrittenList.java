package org.metahub.filters.manifest;

import java.util.List;

/**
 * A list rewritten for one machine: the bytes to serve and what describes them.
 *
 * @param bytes the rewritten document
 * @param digest {@code sha256} of exactly those bytes
 * @param mediaType the original list's media type
 * @param chosen the entries kept, one per platform
 */
public record RewrittenList(byte[] bytes, String digest, String mediaType, List<Descriptor> chosen) {

	public RewrittenList {
		chosen = List.copyOf(chosen);
	}

}
