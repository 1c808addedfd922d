package org.metahub.filters.upstream;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamUrlFilterTest {

	@Test
	void pointsAtTheUpstreamWithItsNameAndTheStillEncodedQuery() {
		URI url = route("https://registry-1.docker.io/", true, "/v2/alpine/tags/list?n=2&last=a%2Fb");

		assertThat(url).hasToString("https://registry-1.docker.io/v2/library/alpine/tags/list?n=2&last=a%2Fb");
	}

	@Test
	void keepsTheUpstreamsBasePathAndNamesElsewhere() {
		URI url = route("http://127.0.0.1:5000/mirror", false, "/v2/alpine/blobs/sha256:" + "a".repeat(64));

		assertThat(url).hasToString("http://127.0.0.1:5000/mirror/v2/alpine/blobs/sha256:" + "a".repeat(64));
	}

	private static URI route(String upstream, boolean dockerHub, String request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(request)).build());
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH,
				DistributionPath.parse(exchange.getRequest().getPath().value()));
		new UpstreamUrlFilter(URI.create(upstream), new UpstreamNames(dockerHub)).filter(exchange, e -> Mono.empty())
			.block();
		assertThat(exchange.<DistributionPath>getAttribute(ExchangeAttributes.UPSTREAM_PATH)).isNotNull();
		return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
	}

}
