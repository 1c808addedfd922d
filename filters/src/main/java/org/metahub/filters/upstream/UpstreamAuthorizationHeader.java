package org.metahub.filters.upstream;

import org.metahub.filters.ExchangeAttributes;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends the upstream the credentials {@link UpstreamAuthFilter} chose, never the client's: the client's
 * {@code Authorization} (a gateway token or a machine's password) leaves no forwarded request. Done here, when
 * the request is forwarded, rather than by copying every request, most of which are answered from cache.
 */
public class UpstreamAuthorizationHeader implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders requestHeaders, ServerWebExchange exchange) {
		String authorization = exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION);
		if (authorization == null && !requestHeaders.containsHeader(HttpHeaders.AUTHORIZATION)) {
			return requestHeaders;
		}
		HttpHeaders filtered = HttpHeaders.copyOf(requestHeaders);
		filtered.remove(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			filtered.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		return filtered;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

}
