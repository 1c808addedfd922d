package org.metahub.filters.fetch;

import org.springframework.http.HttpHeaders;

/**
 * What the upstream answered to one manifest request, body buffered (up to the manifest size cap).
 *
 * @param status HTTP status
 * @param headers the upstream's response headers
 * @param body the body, empty for HEAD
 */
public record UpstreamAnswer(int status, HttpHeaders headers, byte[] body) {

	public boolean isOk() {
		return status == 200;
	}

	/** Answers after which a tag seen before is served from the cache instead (stale-if-error). */
	public boolean isUpstreamFailure() {
		return status == 429 || status >= 500;
	}

}
