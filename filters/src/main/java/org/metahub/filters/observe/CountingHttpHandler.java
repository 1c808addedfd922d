package org.metahub.filters.observe;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Gives every request a {@link CountingResponse}. It wraps the whole web handler, error handlers
 * included, so that error documents are counted as well as streamed blobs.
 */
public class CountingHttpHandler implements HttpHandler {

	private final HttpHandler delegate;

	public CountingHttpHandler(HttpHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		return delegate.handle(request, new CountingResponse(response));
	}

}
