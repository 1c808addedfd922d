package org.metahub.filters.upstream;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
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
		URI url = route("https://registry-1.docker.io/", "/v2/alpine/tags/list?n=2&last=a%2Fb");

		assertThat(url).hasToString("https://registry-1.docker.io/v2/library/alpine/tags/list?n=2&last=a%2Fb");
	}

	@Test
	void keepsTheUpstreamsBasePathAndNamesElsewhere() {
		URI url = route("http://127.0.0.1:5000/mirror", "/v2/alpine/blobs/sha256:" + "a".repeat(64));

		assertThat(url).hasToString("http://127.0.0.1:5000/mirror/v2/alpine/blobs/sha256:" + "a".repeat(64));
	}

	@Test
	void dropsContainerdsNamespaceParameter() {
		assertThat(route("http://127.0.0.1:5000", "/v2/team/app/tags/list?ns=docker.io&n=2"))
			.hasToString("http://127.0.0.1:5000/v2/team/app/tags/list?n=2");
		assertThat(route("http://127.0.0.1:5000", "/v2/team/app/manifests/1?ns=docker.io"))
			.hasToString("http://127.0.0.1:5000/v2/team/app/manifests/1");
		assertThat(UpstreamUrlFilter.withoutNamespace("nsx=1&ns&last=b")).isEqualTo("nsx=1&last=b");
	}

	@Test
	void usesTheUpstreamTheRequestWasRoutedTo() {
		UpstreamProperties other = new UpstreamProperties("ghcr.io", URI.create("https://ghcr.io"), null, null, null,
				null, false, false, null);
		MockServerWebExchange exchange = exchange("/v2/org/app/manifests/1");
		exchange.getAttributes().put(ExchangeAttributes.UPSTREAM, other);

		URI url = filter(Upstreams.of(new UpstreamProperties(URI.create("https://registry-1.docker.io"), null, null)),
				exchange);

		assertThat(url).hasToString("https://ghcr.io/v2/org/app/manifests/1");
	}

	private static URI route(String upstream, String request) {
		return filter(Upstreams.of(new UpstreamProperties(URI.create(upstream), null, null)), exchange(request));
	}

	private static MockServerWebExchange exchange(String request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(request)).build());
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH,
				DistributionPath.parse(exchange.getRequest().getPath().value()));
		return exchange;
	}

	private static URI filter(Upstreams upstreams, MockServerWebExchange exchange) {
		new UpstreamUrlFilter(upstreams).filter(exchange, e -> Mono.empty()).block();
		assertThat(exchange.<DistributionPath>getAttribute(ExchangeAttributes.UPSTREAM_PATH)).isNotNull();
		return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
	}

}
