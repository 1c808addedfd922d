package org.metahub.filters.manifest;

import java.util.Optional;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers manifest requests by the digest of a list the gateway rewrote, with exactly the bytes it
 * served, under the upstream and repository it was made for; other digests go to the upstream, which
 * serves its own.
 */
public class RewrittenManifestFilter implements GlobalFilter, Ordered {

	private final ManifestStore store;

	public RewrittenManifestFilter(ManifestStore store) {
		this.store = store;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		if (path == null || path.kind() != DistributionPath.Kind.MANIFEST || !path.byDigest()) {
			return chain.filter(exchange);
		}
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		return store.find(ManifestStore.qualified(upstream.name(), path.name()), path.reference())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(found -> found.isPresent() ? serve(exchange, path.reference(), found.get()) : chain.filter(exchange));
	}

	private static Mono<Void> serve(ServerWebExchange exchange, String digest, StoredManifest manifest) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		ContentHeaders.describe(response.getHeaders(), manifest.bytes(), manifest.mediaType(), digest);
		exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, digest);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(manifest.bytes())));
	}

	@Override
	public int getOrder() {
		return FilterOrder.REWRITTEN_MANIFEST;
	}

}
