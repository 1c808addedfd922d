package org.metahub.filters.upstream;

import org.junit.jupiter.api.Test;
import org.metahub.filters.ExchangeAttributes;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamAuthorizationHeaderTest {

	private final UpstreamAuthorizationHeader filter = new UpstreamAuthorizationHeader();

	@Test
	void dropsTheClientsCredentialsWhenTheUpstreamIsSentNone() {
		MockServerWebExchange exchange = exchange("Bearer gateway-session-token");

		HttpHeaders forwarded = filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertThat(forwarded.getFirst(HttpHeaders.ACCEPT)).isEqualTo("application/vnd.oci.image.index.v1+json");
	}

	@Test
	void sendsTheUpstreamsCredentialsInsteadOfTheClients() {
		MockServerWebExchange exchange = exchange("Basic cW5pYi10eXBlMTpxbmliLXR5cGUx");
		exchange.getAttributes().put(ExchangeAttributes.UPSTREAM_AUTHORIZATION, "Bearer upstream-token");

		HttpHeaders forwarded = filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer upstream-token");
		assertThat(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
			.as("the client's request itself is left as it came")
			.isEqualTo("Basic cW5pYi10eXBlMTpxbmliLXR5cGUx");
	}

	@Test
	void leavesARequestWithoutCredentialsAsItIs() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v2/"));

		assertThat(filter.filter(exchange.getRequest().getHeaders(), exchange))
			.isSameAs(exchange.getRequest().getHeaders());
	}

	@Test
	void appliesToRequestsOnly() {
		assertThat(filter.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
		assertThat(filter.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
	}

	private static MockServerWebExchange exchange(String authorization) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/v2/team/app/manifests/1")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.header(HttpHeaders.ACCEPT, "application/vnd.oci.image.index.v1+json"));
	}

}
