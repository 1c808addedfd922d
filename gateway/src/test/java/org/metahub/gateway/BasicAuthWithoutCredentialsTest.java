package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.util.List;

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
	void theUpstreams401ReachesTheClientWithoutItsChallengeAndItsCredentialsDoNotReachTheUpstream() {
		// the machine's own credentials let it into the gateway, but are never forwarded to the upstream
		GatewayClient gateway = new GatewayClient(port);
		HttpResponse<byte[]> manifest = gateway.get("/v2/team/app/manifests/1");
		HttpResponse<byte[]> blob = gateway.get("/v2/team/app/blobs/sha256:" + "0".repeat(64));

		// a client answering the upstream's challenge would send its gateway password to the upstream's realm
		for (HttpResponse<byte[]> response : List.of(manifest, blob)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		}
	}

}
