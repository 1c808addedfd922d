package org.metahub.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code metahub.admin.*} the admin endpoint does not exist: 404, even for a machine type's login. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExplainWithoutAdminTest {

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> TestServers.UPSTREAM.url().toString());
	}

	@LocalServerPort
	private int port;

	@Test
	void answers404() {
		HttpResponse<byte[]> response = new GatewayClient(port)
			.get("/metahub/v1/explain?image=team/app:latest&login=qnib-type1");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(new String(response.body())).contains("NAME_UNKNOWN", "admin endpoints are disabled");
	}

}
