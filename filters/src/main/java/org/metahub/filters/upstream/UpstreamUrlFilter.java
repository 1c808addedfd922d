package org.metahub.filters.upstream;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
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
 * Points the request at its upstream: the upstream's base URL, the distribution path under the
 * upstream's name and the query exactly as the client encoded it, less containerd's {@code ns}. It is the only
 * filter that builds the forwarded URL: Spring Cloud Gateway's {@code RouteToRequestUrlFilter} is switched off.
 */
public class UpstreamUrlFilter implements GlobalFilter, Ordered {

	private final Upstreams upstreams;

	public UpstreamUrlFilter(Upstreams upstreams) {
		this.upstreams = upstreams;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		if (path == null) {
			return chain.filter(exchange);
		}
		UpstreamProperties upstream = exchange.getAttributeOrDefault(ExchangeAttributes.UPSTREAM,
				upstreams.defaultUpstream());
		DistributionPath upstreamPath = new UpstreamNames(upstream.isDockerHub()).upstreamPath(path);
		String query = withoutNamespace(exchange.getRequest().getURI().getRawQuery());
		URI url = URI.create(base(upstream) + upstreamPath.toPath() + (query == null ? "" : "?" + query));
		exchange.getAttributes().put(ExchangeAttributes.UPSTREAM_PATH, upstreamPath);
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
		return chain.filter(exchange);
	}

	private static String base(UpstreamProperties upstream) {
		String url = upstream.url().toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** The raw query without {@code ns}: the upstream is that registry and needs no mirror hint. */
	static String withoutNamespace(String rawQuery) {
		if (rawQuery == null) {
			return null;
		}
		String kept = Arrays.stream(rawQuery.split("&"))
			.filter(pair -> !pair.isEmpty() && !pair.equals(UpstreamRouter.NAMESPACE_PARAMETER)
					&& !pair.startsWith(UpstreamRouter.NAMESPACE_PARAMETER + "="))
			.collect(Collectors.joining("&"));
		return kept.isEmpty() ? null : kept;
	}

	@Override
	public int getOrder() {
		return FilterOrder.UPSTREAM_URL;
	}

}
