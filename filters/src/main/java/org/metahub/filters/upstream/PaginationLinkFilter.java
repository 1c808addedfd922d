package org.metahub.filters.upstream;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rewrites the {@code Link} of tag and catalog pages so that a client following it stays on the
 * upstream it named: the upstream's path component is put back, or containerd's {@code ns} added.
 */
public class PaginationLinkFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		UpstreamRoute route = exchange.getAttribute(ExchangeAttributes.UPSTREAM_ROUTE);
		if (path == null || route == null || route.form() == UpstreamRoute.Form.DEFAULT
				|| path.kind() != DistributionPath.Kind.TAGS && path.kind() != DistributionPath.Kind.CATALOG) {
			return chain.filter(exchange);
		}
		String namespace = exchange.getRequest().getQueryParams().getFirst(UpstreamRouter.NAMESPACE_PARAMETER);
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			List<String> links = headers.get(HttpHeaders.LINK);
			if (links != null) {
				headers.put(HttpHeaders.LINK, links.stream().map(link -> rewrite(link, route, namespace)).toList());
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	/** One {@code Link} value, {@code <target>; rel="next"}; a target outside {@code /v2/} is kept. */
	static String rewrite(String link, UpstreamRoute route, String namespace) {
		int open = link.indexOf('<');
		int close = link.indexOf('>', open + 1);
		if (open < 0 || close < 0) {
			return link;
		}
		URI target;
		try {
			target = new URI(link.substring(open + 1, close));
		}
		catch (java.net.URISyntaxException ex) {
			return link;
		}
		String path = target.getRawPath();
		if (path == null || !path.startsWith("/v2/")) {
			return link;
		}
		String query = target.getRawQuery();
		if (route.form() == UpstreamRoute.Form.PATH_PREFIX) {
			path = "/v2/" + route.upstream().name() + "/" + path.substring("/v2/".length());
		}
		else {
			String ns = UpstreamRouter.NAMESPACE_PARAMETER + "="
					+ URLEncoder.encode(namespace == null ? route.upstream().name() : namespace, StandardCharsets.UTF_8);
			query = query == null || query.isEmpty() ? ns : query + "&" + ns;
		}
		// relative, so that the client comes back to the gateway rather than going to the upstream
		return link.substring(0, open + 1) + path + (query == null ? "" : "?" + query) + link.substring(close);
	}

	@Override
	public int getOrder() {
		return FilterOrder.PAGINATION_LINK;
	}

}
