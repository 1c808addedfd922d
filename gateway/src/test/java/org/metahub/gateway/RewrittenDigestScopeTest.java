package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rewritten list is answered by its digest only under the upstream and repository it was made for: the same
 * repository under another upstream (here one naming the same registry) asks its upstream, as for any digest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RewrittenDigestScopeTest {

	private static final String ACCEPT = "application/vnd.oci.image.index.v1+json";

	static final RegistryServer REGISTRY = RegistryServer.start();

	static final RegistryPusher.Pushed LIST = pushList();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstreams[0].name", () -> "docker.io");
		properties.add("metahub.upstreams[0].url", () -> REGISTRY.url().toString());
		properties.add("metahub.upstreams[0].default", () -> "true");
		properties.add("metahub.upstreams[1].name", () -> "mirror.example");
		properties.add("metahub.upstreams[1].url", () -> REGISTRY.url().toString());
	}

	private static RegistryPusher.Pushed pushList() {
		RegistryPusher pusher = RegistryPusher.to(REGISTRY);
		RegistryPusher.Pushed broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		RegistryPusher.Pushed skylake = pusher.pushImage("team/app", null, "skylake", true);
		pusher.pushImage("team/other", "1", "other", true);
		return pusher.pushList("team/app", "latest", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"),
				Entry.of(skylake, "amd64", "cpu:skylake")));
	}

	@AfterAll
	static void stop() {
		REGISTRY.close();
	}

	@Test
	void aRewrittenDigestIsAnsweredOnlyUnderItsUpstreamAndRepository() {
		GatewayClient gateway = new GatewayClient(port);
		String rewritten = gateway.get("/v2/team/app/manifests/latest", "Accept", ACCEPT).headers()
			.firstValue("Docker-Content-Digest").orElseThrow();
		assertThat(rewritten).isNotEqualTo(LIST.digest());

		assertThat(gateway.get("/v2/team/app/manifests/" + rewritten, "Accept", ACCEPT).statusCode()).isEqualTo(200);
		assertThat(gateway.get("/v2/docker.io/team/app/manifests/" + rewritten, "Accept", ACCEPT).statusCode())
			.isEqualTo(200);
		for (String elsewhere : List.of("/v2/mirror.example/team/app/manifests/" + rewritten,
				"/v2/team/app/manifests/" + rewritten + "?ns=mirror.example", "/v2/team/other/manifests/" + rewritten)) {
			HttpResponse<byte[]> response = gateway.get(elsewhere, "Accept", ACCEPT);
			assertThat(response.statusCode()).as(elsewhere).isEqualTo(404);
			assertThat(new String(response.body())).as(elsewhere).contains("MANIFEST_UNKNOWN");
		}
	}

}
