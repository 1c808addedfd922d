package org.metahub.filters.upstream;

import java.net.URI;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Points the request at the upstream: its base URL, the distribution path under the upstream's name
 * and the query exactly as the client encoded it.
 */
public class UpstreamUrlFilter implements GlobalFilter, Ordered {

	private final String base;

	private final UpstreamNames names;

	public UpstreamUrlFilter(URI upstream, UpstreamNames names) {
		String url = upstream.toString();
		this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.names = names;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		if (path == null) {
			return chain.filter(exchange);
		}
		DistributionPath upstreamPath = names.upstreamPath(path);
		String query = exchange.getRequest().getURI().getRawQuery();
		URI url = URI.create(base + upstreamPath.toPath() + (query == null ? "" : "?" + query));
		exchange.getAttributes().put(ExchangeAttributes.UPSTREAM_PATH, upstreamPath);
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return FilterOrder.UPSTREAM_URL;
	}

}
