package org.metahub.gateway.observe;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.FreePorts;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream on a closed port is reported as UNREACHABLE, yet readiness still answers 200. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessWithUnreachableUpstreamTest {

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> "http://127.0.0.1:" + FreePorts.next());
	}

	@LocalServerPort
	int port;

	@Test
	void readinessReportsTheUpstreamWithoutFailing() {
		HttpResponse<String> readiness = Http.get(port, "/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).endsWith(",\"status\":\"UNREACHABLE\"}")
			.containsPattern("\"upstream\":\\{\"components\":\\{\"127\\.0\\.0\\.1:\\d+\":\\{[^}]*\"status\":\"UNREACHABLE\"}}")
			.doesNotContain("reason")
			.contains("\"readinessState\":{\"status\":\"UP\"}");
	}

	@Test
	void livenessIgnoresTheUpstream() {
		HttpResponse<String> liveness = Http.get(port, "/actuator/health/liveness");

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).isEqualTo("{\"components\":{\"livenessState\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
	}

}
