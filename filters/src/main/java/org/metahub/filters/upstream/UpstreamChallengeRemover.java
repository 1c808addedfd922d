package org.metahub.filters.upstream;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the upstream's {@code WWW-Authenticate} from the client: it names the upstream's token realm, and a
 * client answering it would send its gateway credentials there. Clients log in to the gateway only.
 */
public class UpstreamChallengeRemover implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders upstreamHeaders, ServerWebExchange exchange) {
		if (!upstreamHeaders.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
			return upstreamHeaders;
		}
		HttpHeaders filtered = new HttpHeaders();
		upstreamHeaders.forEach((name, values) -> {
			if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
				filtered.put(name, values);
			}
		});
		return filtered;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

}
