package org.metahub.filters.upstream;

import java.net.URI;
import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * For upstreams with {@code follow-redirects}, follows a blob's redirect (one hop) itself and hands the
 * target's answer to the write-response filter, which streams it to the client unbuffered. The
 * upstream's {@code Authorization} goes along only when the target has the same scheme, host and port.
 */
public class BlobRedirectFilter implements GlobalFilter, Ordered {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
			"proxy-connection", "upgrade", "te", "trailer");

	private static final String DOCKER_CONTENT_DIGEST = "Docker-Content-Digest";

	private final HttpClient client;

	/** @param client the client for redirect targets; redirects it meets are not followed further */
	public BlobRedirectFilter(HttpClient client) {
		this.client = client.followRedirect(false);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		if (path == null || upstream == null || !upstream.followRedirects() || path.kind() != DistributionPath.Kind.BLOB) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).then(Mono.defer(() -> follow(exchange)));
	}

	private Mono<Void> follow(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
		if (response.getStatusCode() == null || !response.getStatusCode().is3xxRedirection() || location == null
				|| response.isCommitted()) {
			return Mono.empty();
		}
		URI requested = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		URI target = BlobRedirects.target(requested, location).orElse(null);
		if (target == null) {
			return Mono.error(OciError.UPSTREAM_UNAVAILABLE.exception("the upstream redirected to an invalid or non-http location"));
		}
		Connection redirect = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		if (redirect != null) {
			redirect.dispose();
		}
		String digest = response.getHeaders().getFirst(DOCKER_CONTENT_DIGEST);
		HttpHeaders request = exchange.getRequest().getHeaders();
		String authorization = BlobRedirects.sameOrigin(requested, target)
				? exchange.<String>getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION) : null;
		String range = request.getFirst(HttpHeaders.RANGE);
		HttpMethod method = HttpMethod.HEAD.equals(exchange.getRequest().getMethod()) ? HttpMethod.HEAD : HttpMethod.GET;
		return client
			.headers(headers -> {
				if (authorization != null) {
					headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
				}
				if (range != null) {
					headers.set(HttpHeaderNames.RANGE, range);
				}
			})
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(target)
			.responseConnection((targetResponse, connection) -> {
				response.setStatusCode(HttpStatus.valueOf(targetResponse.status().code()));
				HttpHeaders headers = response.getHeaders();
				headers.clear();
				targetResponse.responseHeaders().forEach(header -> {
					if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
						headers.add(header.getKey(), header.getValue());
					}
				});
				if (digest != null && !headers.containsHeader(DOCKER_CONTENT_DIGEST)) {
					headers.set(DOCKER_CONTENT_DIGEST, digest);
				}
				// the write-response filter streams this connection's body and disposes it
				exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR, connection);
				return Mono.just(connection);
			})
			.then();
	}

	@Override
	public int getOrder() {
		return FilterOrder.BLOB_REDIRECT;
	}

}
