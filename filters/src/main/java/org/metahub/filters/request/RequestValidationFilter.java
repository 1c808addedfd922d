package org.metahub.filters.request;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.upstream.UpstreamRouter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits only reads of distribution API endpoints: refuses writes, parses the path within the upstream it
 * names and checks the repository name, reference and pagination against the specification's grammar (what
 * every caller may be told, as it depends on no configuration), then routes it to that upstream. A host that
 * names no upstream is refused only after authentication.
 */
public class RequestValidationFilter implements GlobalFilter, Ordered {

	private final UpstreamRouter router;

	public RequestValidationFilter(UpstreamRouter router) {
		this.router = router;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return Mono.error(OciError.UNSUPPORTED
				.exception("the gateway is read-only: push to the upstream registry directly", method.name())
				.withHeader(HttpHeaders.ALLOW, "GET, HEAD"));
		}
		// the upstream's path component goes first: a host with a port is no valid repository name
		UpstreamRouter.Target target = router.target(request.getPath().value(),
				request.getQueryParams().getFirst(UpstreamRouter.NAMESPACE_PARAMETER));
		DistributionPath path = DistributionPath.parse(target.path());
		if (path.kind() == DistributionPath.Kind.TAGS || path.kind() == DistributionPath.Kind.CATALOG) {
			checkPageSize(request.getQueryParams().getFirst("n"));
		}
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH, path);
		exchange.getAttributes().put(ExchangeAttributes.REQUEST_TARGET, target);
		try {
			UpstreamRouter.Routed routed = router.route(target);
			exchange.getAttributes().put(ExchangeAttributes.UPSTREAM, routed.route().upstream());
			exchange.getAttributes().put(ExchangeAttributes.UPSTREAM_ROUTE, routed.route());
		}
		catch (OciException unknownHost) {
			// raised once the caller is known, so that anonymous callers cannot tell configured hosts from others
			exchange.getAttributes().put(ExchangeAttributes.ROUTING_FAILURE, unknownHost);
		}
		return chain.filter(exchange);
	}

	private static void checkPageSize(String n) {
		if (n == null) {
			return;
		}
		try {
			if (Integer.parseInt(n) < 0) {
				throw OciError.PAGINATION_INVALID.exception("n must not be negative", n);
			}
		}
		catch (NumberFormatException ex) {
			throw OciError.PAGINATION_INVALID.exception("n must be a number", n);
		}
	}

	@Override
	public int getOrder() {
		return FilterOrder.REQUEST_VALIDATION;
	}

}
