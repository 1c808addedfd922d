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
import org.junit.jupiter.api.extension.ExtendWith;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** When the real upstream goes away, a tag seen before is still served, marked stale; an unseen one is a 502. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.manifest.tag-freshness=0s",
				"metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake" })
class StaleIfErrorIntegrationTest {

	private static RegistryServer registry;

	private static Pushed skylake;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@BeforeAll
	static void push() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		skylake = pusher.pushImage("team/app", null, "skylake", true);
		pusher.pushList("team/app", "latest", true,
				List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake")));
		pusher.pushImage("team/app", "unseen", "unseen", true);
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
	void aTagSeenBeforeIsServedStaleWhileTheUpstreamIsDownAndTheOutageIsLoggedOnce(CapturedOutput output) {
		HttpResponse<byte[]> fresh = get("/v2/team/app/manifests/latest");
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(fresh.headers().firstValue("Warning")).isEmpty();

		registry.close();
		for (int i = 0; i < 3; i++) {
			HttpResponse<byte[]> stale = get("/v2/team/app/manifests/latest");
			assertThat(stale.statusCode()).isEqualTo(200);
			assertThat(stale.body()).isEqualTo(fresh.body());
			assertThat(stale.headers().firstValue("Docker-Content-Digest"))
				.isEqualTo(fresh.headers().firstValue("Docker-Content-Digest"));
			assertThat(stale.headers().firstValue("Warning")).hasValue("110 - \"Response is stale\"");
		}
		// the child was cached when it was first asked for; the rewritten list by its digest is in the store
		assertThat(get("/v2/team/app/manifests/" + fresh.headers().firstValue("Docker-Content-Digest").orElseThrow())
			.statusCode()).isEqualTo(200);
		assertThat(meters.get("metahub.manifest.stale").counter().count()).isEqualTo(3);
		assertThat(output.getOut().split("served stale from the cache until it recovers", -1)).hasSize(2);

		HttpResponse<byte[]> unseen = get("/v2/team/app/manifests/unseen");
		assertThat(unseen.statusCode()).isEqualTo(502);
		assertThat(new String(unseen.body())).contains("\"code\":\"UNAVAILABLE\"");
	}

	private HttpResponse<byte[]> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", org.metahub.gateway.GatewayClient.basic("skylake", "x"))
			.header("Accept", ManifestCacheIntegrationTest.ACCEPT_ALL)
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();
	}

}
