package org.metahub.gateway.observe;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RedisServer;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis configured, readiness includes Boot's Redis contributor next to the upstream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessWithRedisTest {

	static final RegistryServer registry = RegistryServer.start();

	static final RedisServer redis = RedisServer.start();

	@DynamicPropertySource
	static void peers(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		properties.add("spring.data.redis.url", redis::url);
	}

	@AfterAll
	static void stop() {
		registry.close();
		redis.close();
	}

	@LocalServerPort
	int port;

	@Test
	void readinessIncludesRedis() {
		HttpResponse<String> readiness = Http.get(port, "/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).endsWith(",\"status\":\"UP\"}")
			.contains("\"redis\":{\"status\":\"UP\"}")
			.containsPattern("\"upstream\":\\{\"components\":\\{[^}]*}},\"status\":\"UP\"}");
	}

}
