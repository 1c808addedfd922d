package org.metahub.filters.upstream;

/**
 * What to send the upstream for one request.
 *
 * @param authorization the {@code Authorization} value, or {@code null} to send none
 * @param onRefused what to forget when the upstream still answers 401
 */
public record UpstreamGrant(String authorization, Runnable onRefused) {

	@Override
	public String toString() {
		return "UpstreamGrant[" + (authorization == null ? "anonymous" : authorization.substring(0, authorization.indexOf(' '))) + "]";
	}

}
