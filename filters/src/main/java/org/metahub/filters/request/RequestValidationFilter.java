package org.metahub.filters.request;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits only reads of distribution API endpoints: refuses writes, parses the path and checks the
 * repository name, reference and pagination against the specification's grammar.
 */
public class RequestValidationFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return Mono.error(OciError.UNSUPPORTED
				.exception("the gateway is read-only: push to the upstream registry directly", method.name())
				.withHeader(HttpHeaders.ALLOW, "GET, HEAD"));
		}
		DistributionPath path = DistributionPath.parse(request.getPath().value());
		if (path.kind() == DistributionPath.Kind.TAGS || path.kind() == DistributionPath.Kind.CATALOG) {
			checkPageSize(request.getQueryParams().getFirst("n"));
		}
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH, path);
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
