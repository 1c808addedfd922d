package org.metahub.filters.request;

import java.nio.charset.StandardCharsets;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.RegistryHeaders;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** Answers {@code GET /v2/} itself: an authenticated caller learns that this is a registry. */
public class BaseEndpointFilter implements GlobalFilter, Ordered {

	private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		if (path == null || path.kind() != DistributionPath.Kind.BASE) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(EMPTY_OBJECT.length);
		response.getHeaders().set(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(EMPTY_OBJECT)));
	}

	@Override
	public int getOrder() {
		return FilterOrder.BASE_ENDPOINT;
	}

}
