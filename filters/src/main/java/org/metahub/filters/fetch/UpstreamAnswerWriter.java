package org.metahub.filters.fetch;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** Writes the upstream's own answer to a request the gateway asked for itself: status, headers and body. */
public final class UpstreamAnswerWriter {

	// hop-by-hop headers, and the upstream's challenge, which would send clients to the upstream's realm
	private static final List<String> NOT_PASSED = List.of(HttpHeaders.CONNECTION, HttpHeaders.TRANSFER_ENCODING,
			"Keep-Alive", HttpHeaders.CONTENT_LENGTH, HttpHeaders.UPGRADE, HttpHeaders.TRAILER,
			HttpHeaders.WWW_AUTHENTICATE);

	private UpstreamAnswerWriter() {
	}

	public static Mono<Void> write(ServerWebExchange exchange, UpstreamAnswer answer) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		answer.headers().forEach((name, values) -> {
			if (NOT_PASSED.stream().noneMatch(name::equalsIgnoreCase)) {
				response.getHeaders().put(name, values);
			}
		});
		response.getHeaders().setContentLength(answer.body().length);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod()) || answer.body().length == 0) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
	}

}
