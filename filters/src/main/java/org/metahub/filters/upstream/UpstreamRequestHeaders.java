package org.metahub.filters.upstream;

import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Forwards to the upstream only the request headers a registry needs: content negotiation, ranges and
 * conditions, the user agent, and the upstream's own credentials. Everything else a client sends stays at
 * the gateway: cookies, proxy credentials, {@code X-Forwarded-*} and {@code Forwarded} (the client's or the
 * ones Spring Cloud Gateway would add, which tell the upstream the clients' addresses), custom headers.
 * Last of the headers filters, so that it also sees what the others added.
 */
public class UpstreamRequestHeaders implements HttpHeadersFilter, Ordered {

	private static final Set<String> FORWARDED = Set.of("accept", "accept-encoding", "range", "if-range",
			"if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "user-agent", "authorization");

	@Override
	public HttpHeaders filter(HttpHeaders requestHeaders, ServerWebExchange exchange) {
		HttpHeaders forwarded = new HttpHeaders();
		requestHeaders.forEach((name, values) -> {
			if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
				forwarded.addAll(name, values);
			}
		});
		return forwarded;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
