package org.metahub.gateway.observe;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With a reachable upstream and no Redis configured, both probes are UP and readiness lists no redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessWithReachableUpstreamTest {

	static final RegistryServer registry = RegistryServer.start();

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@LocalServerPort
	int port;

	@Test
	void livenessIsUp() {
		HttpResponse<String> liveness = Http.get(port, "/actuator/health/liveness");

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void readinessIsUpAndShowsTheUpstreamWithoutDetails() {
		HttpResponse<String> readiness = Http.get(port, "/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).endsWith(",\"status\":\"UP\"}")
			// one component per upstream, by its name (the shorthand's: host and port of its URL), never its URL
			.contains("\"upstream\":{\"components\":{\"127.0.0.1:" + registry.port()
					+ "\":{\"status\":\"UP\"}},\"status\":\"UP\"}")
			.doesNotContain("redis")
			.doesNotContain("http");
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() {
		assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(Http.get(port, "/actuator/env").statusCode()).isEqualTo(404);
		assertThat(Http.get(port, "/actuator/metrics").statusCode()).isEqualTo(404);
	}

}
