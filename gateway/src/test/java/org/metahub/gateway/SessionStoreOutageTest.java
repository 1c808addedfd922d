package org.metahub.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** When Redis cannot be asked, a request with a token is refused with 503, never waved through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SessionStoreOutageTest {

	static final RedisServer REDIS = TestServers.redis();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		AuthenticationIntegrationTest.gatewayProperties(registry);
		registry.add("spring.data.redis.url", REDIS::url);
	}

	@Test
	void refusesTokensWithServiceUnavailableOnceRedisIsGone() {
		WebTestClient client = GatewayClient.webTestClient(port);
		@SuppressWarnings("unchecked")
		Map<String, Object> body = client.get().uri("/token?service=metahub")
			.headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret")).exchange()
			.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		String bearer = "Bearer " + body.get("token");
		client.get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectStatus().isOk();
		REDIS.close();
		Poll.until("a 503 once Redis is gone", Duration.ofSeconds(30), () -> {
			EntityExchangeResult<byte[]> result = client.get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, bearer)
				.exchange().expectBody().returnResult();
			assertThat(result.getStatus().value()).as("never waved through once Redis stops").isIn(200, 503);
			return result.getStatus().value() == 503;
		});
		client.get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
			.expectStatus().isEqualTo(503)
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("UNAVAILABLE");
	}

}
