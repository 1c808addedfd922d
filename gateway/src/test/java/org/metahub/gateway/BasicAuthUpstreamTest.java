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

/** A real registry with htpasswd Basic auth, pulled with the gateway's upstream credentials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BasicAuthUpstreamTest {

	static final RegistryServer REGISTRY = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();

	static final RegistryPusher.Pushed IMAGE = RegistryPusher.to(REGISTRY).pushImage("team/app", "1", "basic", false);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> REGISTRY.url().toString());
		properties.add("metahub.upstream.username", REGISTRY::username);
		properties.add("metahub.upstream.password", REGISTRY::password);
	}

	@AfterAll
	static void stop() {
		REGISTRY.close();
	}

	@Test
	void pullsWithTheUpstreamCredentialsInsteadOfTheClients() {
		// the registry rejects these client credentials, so a 200 proves they were replaced
		HttpResponse<byte[]> response = new GatewayClient(port).get("/v2/team/app/manifests/1", "Authorization",
				"Basic cW5pYi10eXBlMTpxbmliLXR5cGUx", "Accept", "application/vnd.docker.distribution.manifest.v2+json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(IMAGE.digest());
	}

}
