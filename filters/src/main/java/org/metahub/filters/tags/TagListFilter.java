package org.metahub.filters.tags;

import java.net.URI;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.fetch.UpstreamAnswerWriter;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers tag lists asked for with {@code n} or {@code last} itself, through the {@link TagPager}, with the
 * {@code Link} to the next page that the distribution spec describes ({@code n=0} is an empty list without one).
 * Lists asked for whole pass through to the upstream as before. The request was validated ({@code n} a
 * number, not negative) by the request validation filter.
 */
public class TagListFilter implements GlobalFilter, Ordered {

	private final TagPager pager;

	public TagListFilter(TagPager pager) {
		this.pager = pager;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		HttpMethod method = exchange.getRequest().getMethod();
		MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
		if (path == null || path.kind() != DistributionPath.Kind.TAGS || url == null
				|| !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
				|| !query.containsKey("n") && !query.containsKey("last")) {
			return chain.filter(exchange);
		}
		String size = query.getFirst("n");
		Integer n = size == null || size.isEmpty() ? null : Integer.valueOf(size);
		String last = query.getFirst("last");
		String authorization = exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION);
		return pager.page(url, authorization, n, last == null || last.isEmpty() ? null : last).flatMap(result -> {
			if (result.passThrough() != null) {
				return UpstreamAnswerWriter.write(exchange, result.passThrough());
			}
			ServerHttpResponse response = exchange.getResponse();
			byte[] body = new TagPage(result.name(), result.tags()).toJson();
			response.setStatusCode(HttpStatus.OK);
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			response.getHeaders().setContentLength(body.length);
			if (result.nextLast() != null) {
				response.getHeaders().set(HttpHeaders.LINK, link(path, n, result.nextLast()));
			}
			if (HttpMethod.HEAD.equals(method)) {
				return response.setComplete();
			}
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		});
	}

	// the client's own path: the pagination link filter adds the upstream's path component or ns
	static String link(DistributionPath path, Integer n, String nextLast) {
		String query = (n == null ? "" : "n=" + n + "&") + "last=" + TagPager.encode(nextLast);
		return "<" + path.toPath() + "?" + query + ">; rel=\"next\"";
	}

	@Override
	public int getOrder() {
		return FilterOrder.TAG_LIST;
	}

}
