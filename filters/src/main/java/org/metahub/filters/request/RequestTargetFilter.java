package org.metahub.filters.request;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, before any endpoint sees it, a request whose path has dot segments ({@code .} or {@code ..}, also
 * percent-encoded), which clients remove and no endpoint expects, or that has several {@code Host} headers or
 * one that is no {@code host[:port]}, from which no token realm can be built.
 */
public class RequestTargetFilter implements WebFilter, Ordered {

	// RFC 3986 host (IP literal or reg-name: unreserved, percent-encoded, sub-delims) and an optional port
	private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:[0-9]*)?");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (hasDotSegment(request.getPath().value())) {
			return Mono.error(OciError.BAD_REQUEST.exception("the request path has a dot segment (. or ..)"));
		}
		List<String> hosts = request.getHeaders().getOrEmpty(HttpHeaders.HOST);
		if (hosts.size() > 1 || hosts.size() == 1 && !HOST.matcher(hosts.get(0)).matches()) {
			return Mono.error(OciError.BAD_REQUEST.exception("the request needs one Host header of the form host[:port]"));
		}
		return chain.filter(exchange);
	}

	static boolean hasDotSegment(String rawPath) {
		for (String segment : rawPath.split("/", -1)) {
			String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
			if (decoded.equals(".") || decoded.equals("..")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
