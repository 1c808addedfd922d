package org.metahub.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RedisServer;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis hung, then stopped, pulls by tag with Basic credentials go on (rewritten lists kept in the
 * replica's memory, tags asked of the upstream), and once Redis is back the lists reach it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake", "metahub.manifest.tag-freshness=0s" })
@DirtiesContext
class RedisOutagePullTest {

	private static final String BASIC = GatewayClient.basic("skylake", "x");

	private static RegistryServer registry;

	private static RedisServer redis;

	private static int redisPort;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		redis = RedisServer.start();
		redisPort = redis.port();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed broadwell = pusher.pushImage("team/app", null, "broadwell", false);
		Entry generic = Entry.of(broadwell, "amd64", "cpu:broadwell");
		// a Skylake build per tag, so that each tag's rewritten list has its own digest
		for (String tag : List.of("latest", "hung", "stopped")) {
			Pushed skylake = pusher.pushImage("team/app", null, "skylake-" + tag, false);
			pusher.pushList("team/app", tag, false, List.of(generic, Entry.of(skylake, "amd64", "cpu:skylake")));
		}
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(registry, redis);
	}

	@DynamicPropertySource
	static void peers(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
	}

	@Test
	void pullsByTagGoOnWhileRedisIsHungOrStoppedAndListsReachItAgainAfter() {
		WebTestClient client = GatewayClient.webTestClient(port);
		String latest = pull(client, "latest");
		assertThat(redis.exists(storedKey(latest))).isTrue();

		redis.pause();
		String hung;
		try {
			hung = pull(client, "hung");
			pull(client, "latest");
			pullByDigest(client, hung);
		}
		finally {
			redis.resume();
		}

		redis.close();
		String stopped = pull(client, "stopped");
		for (int i = 0; i < 5; i++) {
			assertThat(pull(client, "latest")).isEqualTo(latest);
			assertThat(pull(client, "stopped")).isEqualTo(stopped);
			pullByDigest(client, stopped);
		}

		redis = RedisServer.start(redisPort);
		long back = System.nanoTime();
		Poll.until("the list rewritten while Redis was stopped to reach it again", Duration.ofSeconds(30), () -> {
			pull(client, "stopped");
			return redis.exists(storedKey(stopped));
		});
		System.out.printf("RedisOutagePullTest: lists stored in Redis again %d ms after it was back%n",
				Duration.ofNanos(System.nanoTime() - back).toMillis());
		pull(client, "hung");
		assertThat(redis.exists(storedKey(hung))).as("the list rewritten while Redis hung").isTrue();
	}

	/** Pulls a tag with Basic credentials, which needs no Redis once verified; the digest served. */
	private static String pull(WebTestClient client, String tag) {
		byte[] body = client.get().uri("/v2/team/app/manifests/" + tag).header("Authorization", BASIC)
			.header("Accept", ManifestSelectionIntegrationTest.ACCEPT_ALL)
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
		return Digests.sha256(body);
	}

	private static void pullByDigest(WebTestClient client, String digest) {
		client.get().uri("/v2/team/app/manifests/" + digest).header("Authorization", BASIC)
			.header("Accept", ManifestSelectionIntegrationTest.ACCEPT_ALL)
			.exchange().expectStatus().isOk().expectHeader().valueEquals("Docker-Content-Digest", digest);
	}

	private static String storedKey(String digest) {
		return "metahub:manifest:{" + registry.url().getAuthority() + "/team/app@" + digest + "}";
	}

}
