package org.metahub.gateway;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.NearCachedManifestStore;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RedisServer;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis configured, rewritten lists go to Redis through Spring Boot's connection factory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake" })
class ManifestStoreRedisIntegrationTest {

	private static RegistryServer registry;

	private static RedisServer redis;

	private static Pushed skylake;

	@LocalServerPort
	private int port;

	@Autowired
	private ManifestStore store;

	@Autowired
	private ReactiveRedisConnectionFactory connectionFactory;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		redis = RedisServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed broadwell = pusher.pushImage("team/app", null, "broadwell", false);
		skylake = pusher.pushImage("team/app", null, "skylake", false);
		pusher.pushList("team/app", "latest", false,
				List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake")));
	}

	@AfterAll
	static void stop() {
		registry.close();
		redis.close();
	}

	@DynamicPropertySource
	static void peers(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		properties.add("spring.data.redis.url", () -> redis.url());
	}

	@Test
	void rewrittenListIsStoredInRedisAndServedByItsDigest() {
		assertThat(store).isInstanceOf(NearCachedManifestStore.class);
		WebTestClient client = GatewayClient.webTestClient(port);
		byte[] body = client.get().uri("/v2/team/app/manifests/latest").header("Authorization", GatewayClient.basic("skylake", "x"))
			.header("Accept", ManifestSelectionIntegrationTest.ACCEPT_ALL)
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
		String digest = Digests.sha256(body);
		assertThat(new String(body)).contains(skylake.digest());

		Boolean stored = new ReactiveStringRedisTemplate(connectionFactory)
			.hasKey("metahub:manifest:{" + registry.url().getAuthority() + "/team/app@" + digest + "}").block();
		assertThat(stored).isTrue();
		client.get().uri("/v2/team/app/manifests/" + digest)
			.header("Authorization", GatewayClient.basic("skylake", "x"))
			.header("Accept", ManifestSelectionIntegrationTest.ACCEPT_ALL).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", digest)
			.expectBody().consumeWith(result -> assertThat(result.getResponseBody()).isEqualTo(body));
	}

}
