package org.metahub.filters.upstream;

import java.util.Map;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Replaces the client's credentials with the upstream's. The client's {@code Authorization} (a gateway
 * session token or a machine's password) is always removed; when the upstream still answers 401, what
 * was sent is forgotten so the next request asks afresh. Each upstream has its own authorizer, so one
 * upstream's credentials and tokens never reach another.
 */
public class UpstreamAuthFilter implements GlobalFilter, Ordered {

	private final Map<String, UpstreamAuthorizer> authorizers;

	/** @param authorizers the authorizer of each upstream by its name */
	public UpstreamAuthFilter(Map<String, UpstreamAuthorizer> authorizers) {
		this.authorizers = Map.copyOf(authorizers);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath upstreamPath = exchange.getAttribute(ExchangeAttributes.UPSTREAM_PATH);
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		UpstreamAuthorizer authorizer = upstream == null ? null : authorizers.get(upstream.name());
		if (upstreamPath == null || authorizer == null) {
			return chain.filter(withAuthorization(exchange, null));
		}
		return authorizer.authorize(upstreamPath).flatMap(grant -> {
			ServerWebExchange authorized = withAuthorization(exchange, grant.authorization());
			return chain.filter(authorized).doOnSuccess(done -> {
				if (HttpStatus.UNAUTHORIZED.equals(authorized.getResponse().getStatusCode())) {
					grant.onRefused().run();
				}
			});
		});
	}

	// one copy of the request: the client's Authorization out, the upstream's (if any) in
	private static ServerWebExchange withAuthorization(ServerWebExchange exchange, String authorization) {
		return exchange.mutate().request(request -> request.headers(headers -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		})).build();
	}

	/**
	 * The upstream's credentials for one request of the gateway's own, such as a virtual image's component:
	 * anonymous when the upstream has no authorizer.
	 * @param upstreamPath the request under the upstream's repository name
	 */
	public Mono<UpstreamGrant> grant(UpstreamProperties upstream, DistributionPath upstreamPath) {
		UpstreamAuthorizer authorizer = authorizers.get(upstream.name());
		return authorizer == null ? Mono.just(new UpstreamGrant(null, () -> {
		})) : authorizer.authorize(upstreamPath);
	}

	@Override
	public int getOrder() {
		return FilterOrder.UPSTREAM_AUTH;
	}

}
