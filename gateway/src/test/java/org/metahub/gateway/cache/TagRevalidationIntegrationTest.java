package org.metahub.gateway.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With a tag freshness of zero every tag request revalidates with a HEAD; the GET happens only on change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.manifest.tag-freshness=0s",
				"metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake" })
class TagRevalidationIntegrationTest {

	private static RegistryServer registry;

	private static RegistryPusher pusher;

	private static Pushed broadwell;

	private static Pushed skylake;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@BeforeAll
	static void push() {
		registry = RegistryServer.start();
		pusher = RegistryPusher.to(registry);
		broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		skylake = pusher.pushImage("team/app", null, "skylake", true);
		pusher.pushList("team/app", "moving", true,
				List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake")));
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@Test
	void anUnchangedTagIsRevalidatedWithAHeadAndItsRewrittenListReused() {
		HttpResponse<byte[]> first = get("/v2/team/app/manifests/moving");
		double rewrittenBefore = revalidated();
		HttpResponse<byte[]> second = get("/v2/team/app/manifests/moving");
		HttpResponse<byte[]> third = get("/v2/team/app/manifests/moving");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(third.headers().firstValue("Docker-Content-Digest"))
			.isEqualTo(first.headers().firstValue("Docker-Content-Digest"));
		assertThat(new String(first.body())).contains(skylake.digest()).doesNotContain(broadwell.digest());
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/moving")).isEqualTo(1);
		assertThat(registry.countRequests("HEAD", "/v2/team/app/manifests/moving")).isEqualTo(2);
		assertThat(revalidated() - rewrittenBefore).isEqualTo(2);

		// the tag moves: the HEAD sees another digest and the list is fetched again
		Pushed other = pusher.pushImage("team/app", null, "skylake-2", true);
		pusher.pushList("team/app", "moving", true,
				List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(other, "amd64", "cpu:skylake")));
		HttpResponse<byte[]> moved = get("/v2/team/app/manifests/moving");
		assertThat(new String(moved.body())).contains(other.digest()).doesNotContain(skylake.digest());
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/moving")).isEqualTo(2);
		assertThat(registry.countRequests("HEAD", "/v2/team/app/manifests/moving")).isEqualTo(3);
	}

	private double revalidated() {
		var counter = meters.find("metahub.manifest.cache").tag("result", "revalidated").counter();
		return counter == null ? 0 : counter.count();
	}

	private HttpResponse<byte[]> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", org.metahub.gateway.GatewayClient.basic("skylake", "x"))
			.header("Accept", ManifestCacheIntegrationTest.ACCEPT_ALL)
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();
	}

}
