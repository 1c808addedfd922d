package org.metahub.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A registry with htpasswd Basic auth while the gateway has no credentials for it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BasicAuthWithoutCredentialsTest {

	static final RegistryServer REGISTRY = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();

	static {
		RegistryPusher.to(REGISTRY).pushImage("team/app", "1", "basic", false);
	}

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> REGISTRY.url().toString());
	}

	@AfterAll
	static void stop() {
		REGISTRY.close();
	}

	@Test
	void theUpstreams401ReachesTheClientAndItsCredentialsDoNotReachTheUpstream() {
		// these credentials are the registry's own: were they forwarded, the pull would succeed
		HttpResponse<byte[]> response = new GatewayClient(port).get("/v2/team/app/manifests/1", "Authorization",
				"Basic bWlycm9yOm1pcnJvci1zZWNyZXQ=");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Basic"));
	}

}
