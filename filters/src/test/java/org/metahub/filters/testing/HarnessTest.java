package org.metahub.filters.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself: real servers start, images land, and the registry log counts requests. */
class HarnessTest {

	@Test
	void pushesAListToARealRegistryAndCountsRequests() throws Exception {
		try (RegistryServer registry = RegistryServer.builder().htpasswd("pusher", "secret").start();
				RedisServer redis = RedisServer.start()) {
			RegistryPusher pusher = RegistryPusher.to(registry);
			RegistryPusher.Pushed broadwell = pusher.pushImage("bench", null, "broadwell", true);
			RegistryPusher.Pushed list = pusher.pushList("bench", "latest", true,
					List.of(RegistryPusher.Entry.of(broadwell, "amd64", "cpu:broadwell")));
			HttpResponse<String> anonymous = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/bench/manifests/latest")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(list.digest()).startsWith("sha256:");
			assertThat(registry.countRequests("PUT", "/v2/bench/manifests/latest")).isEqualTo(1);
			assertThat(redis.url()).startsWith("redis://127.0.0.1:");
		}
	}

}
