package org.metahub.filters.upstream;

import org.metahub.config.UpstreamProperties;

/**
 * The upstream a request goes to and how the client named it.
 *
 * @param upstream the upstream
 * @param form how the client chose it
 */
public record UpstreamRoute(UpstreamProperties upstream, Form form) {

	/** How a client names an upstream. */
	public enum Form {
		/** containerd's mirror query parameter {@code ?ns=<host>}. */
		NAMESPACE,
		/** a first path component, as in {@code /v2/ghcr.io/org/app/...}. */
		PATH_PREFIX,
		/** nothing: the default upstream. */
		DEFAULT
	}

}
