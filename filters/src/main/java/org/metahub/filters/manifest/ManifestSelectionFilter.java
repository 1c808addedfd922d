package org.metahub.filters.manifest;

import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves a machine the list entries built for it: manifest requests by tag get their response
 * decorated so that a list is rewritten. A HEAD goes upstream as a GET, since its answer must carry
 * the rewritten list's digest and length; WebFlux drops the body of a HEAD answer.
 */
public class ManifestSelectionFilter implements GlobalFilter, Ordered {

	private final IndexRewriter rewriter;

	private final ManifestStore store;

	private final int maxBytes;

	public ManifestSelectionFilter(IndexRewriter rewriter, ManifestStore store, int maxBytes) {
		this.rewriter = rewriter;
		this.store = store;
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		MachineType machineType = exchange.getAttribute(ExchangeAttributes.MACHINE_TYPE);
		if (path == null || path.kind() != DistributionPath.Kind.MANIFEST || path.byDigest() || machineType == null) {
			return chain.filter(exchange);
		}
		ServerWebExchange upstreamExchange = HttpMethod.HEAD.equals(exchange.getRequest().getMethod())
				? exchange.mutate().request(request -> request.method(HttpMethod.GET)).build() : exchange;
		ListRewritingResponse response = new ListRewritingResponse(exchange, path.name(), machineType, rewriter,
				store, maxBytes);
		return chain.filter(upstreamExchange.mutate().response(response).build());
	}

	@Override
	public int getOrder() {
		return FilterOrder.MANIFEST_SELECTION;
	}

}
