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
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Chooses the upstream's credentials for the request, as {@link ExchangeAttributes#UPSTREAM_AUTHORIZATION};
 * {@link UpstreamAuthorizationHeader} puts them in place of the client's on the forwarded request. When the
 * upstream still answers 401, what was sent is forgotten so the next request asks afresh. Each upstream has
 * its own authorizer, so one upstream's credentials and tokens never reach another.
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
			return chain.filter(exchange);
		}
		return authorizer.authorize(upstreamPath).flatMap(grant -> {
			if (grant.authorization() != null) {
				exchange.getAttributes().put(ExchangeAttributes.UPSTREAM_AUTHORIZATION, grant.authorization());
			}
			return chain.filter(exchange).doOnSuccess(done -> {
				if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
					grant.onRefused().run();
				}
			}).doOnError(UpstreamRefusal::isRefusal, refused -> grant.onRefused().run());
		});
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
