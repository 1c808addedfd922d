package org.metahub.filters.upstream;

import reactor.core.publisher.Mono;

/** Fetches a token from an upstream token service. */
@FunctionalInterface
public interface TokenClient {

	/**
	 * @return the token, or an {@link org.metahub.filters.oci.OciException} of
	 *     {@link org.metahub.filters.oci.OciError#UPSTREAM_UNAVAILABLE} when the service fails
	 */
	Mono<UpstreamToken> fetch(TokenRequest request);

}
