package org.metahub.filters.oci;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Sets the headers that describe a manifest body together, since a rewritten list has a new
 * digest, length and ETag, and HEAD must say exactly what GET sends.
 */
public final class ContentHeaders {

	private ContentHeaders() {
	}

	public static void describe(HttpHeaders headers, byte[] body, String mediaType, String digest) {
		headers.setContentLength(body.length);
		headers.setContentType(MediaType.parseMediaType(mediaType));
		headers.set(RegistryHeaders.CONTENT_DIGEST, digest);
		headers.setETag("\"" + digest + "\"");
		removeIfPresent(headers, HttpHeaders.TRANSFER_ENCODING);
		removeIfPresent(headers, HttpHeaders.CONTENT_ENCODING);
	}

	// a removal copies the values it returns: answers from cache never carry these, so look first
	private static void removeIfPresent(HttpHeaders headers, String name) {
		if (headers.containsHeader(name)) {
			headers.remove(name);
		}
	}

}
