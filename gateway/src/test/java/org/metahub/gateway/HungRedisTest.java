package org.metahub.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Redis that hangs (SIGSTOP: the connection stays open, nothing answers) fails Bearer requests and token
 * requests closed with 503 after the default command timeout, not after Lettuce's 60 s; they work again once
 * it answers. Readiness reports the hung Redis within the same time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HungRedisTest {

	static final RedisServer REDIS = TestServers.redis();

	/** Well above the 2 s default, well below Lettuce's own 60 s. */
	static final Duration DEADLINE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		AuthenticationIntegrationTest.gatewayProperties(registry);
		registry.add("spring.data.redis.url", REDIS::url);
	}

	@AfterAll
	static void resume() {
		REDIS.resume();
	}

	@Test
	void refusesWithServiceUnavailableWhileRedisHangsAndRecoversAfter() {
		WebTestClient client = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.newConnection()))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(DEADLINE)
			.build();
		String bearer = "Bearer " + token(client);
		client.get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectStatus().isOk();
		REDIS.pause();
		try {
			client.get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
				.expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.errors[0].code").isEqualTo("UNAVAILABLE");
			client.get().uri("/token?service=metahub")
				.headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret")).exchange()
				.expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.errors[0].code").isEqualTo("UNAVAILABLE");
			client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		}
		finally {
			REDIS.resume();
		}
		Poll.until("Bearer requests answered again", Duration.ofSeconds(30), () -> client.get().uri("/v2/")
			.header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectBody().returnResult().getStatus().value() == 200);
		token(client);
	}

	@SuppressWarnings("unchecked")
	private static String token(WebTestClient client) {
		Map<String, Object> body = client.get().uri("/token?service=metahub")
			.headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret")).exchange()
			.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
		return (String) body.get("token");
	}

}
