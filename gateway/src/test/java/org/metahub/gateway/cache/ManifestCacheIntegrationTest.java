package org.metahub.gateway.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache and single-flight against a real registry, proved by counting the requests in its access log.
 * Three machine types, as in the demo: broadwell, skylake and zen (which gets the generic entry).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.manifest.tag-freshness=1h",
				"metahub.machine-types[0].login=broadwell", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:broadwell",
				"metahub.machine-types[1].login=skylake", "metahub.machine-types[1].password={noop}x",
				"metahub.machine-types[1].features[0]=cpu:skylake",
				"metahub.machine-types[2].login=zen", "metahub.machine-types[2].password={noop}x",
				"metahub.machine-types[2].features[0]=cpu:zen3" })
class ManifestCacheIntegrationTest {

	static final String ACCEPT_ALL = "application/vnd.oci.image.index.v1+json, "
			+ "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, "
			+ "application/vnd.docker.distribution.manifest.v2+json";

	static final List<String> MACHINE_TYPES = List.of("broadwell", "skylake", "zen");

	private static RegistryServer registry;

	private static Pushed broadwell;

	private static Pushed skylake;

	private static Pushed generic;

	private static Pushed single;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@BeforeAll
	static void push() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		skylake = pusher.pushImage("team/app", null, "skylake", true);
		generic = pusher.pushImage("team/app", null, "generic", true);
		single = pusher.pushImage("team/app", "solo", "solo", true);
		pusher.pushList("team/app", "burst", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"),
				Entry.of(skylake, "amd64", "cpu:skylake"), Entry.of(generic, "amd64")));
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
	void aManifestByDigestIsFetchedOnceThenServedFromTheCache() {
		for (int i = 0; i < 3; i++) {
			HttpResponse<byte[]> response = get("skylake", "/v2/team/app/manifests/" + generic.digest()).join();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(generic.bytes());
			assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(generic.digest());
		}
		assertThat(head("zen", "/v2/team/app/manifests/" + generic.digest()).headers()
			.firstValueAsLong("Content-Length")).hasValue(generic.size());
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/" + generic.digest())).isEqualTo(1);
		assertThat(registry.countRequests("HEAD", "/v2/team/app/manifests/" + generic.digest())).isZero();
	}

	@Test
	void aTagWithinItsFreshnessIsNotAskedAgain() {
		for (String machineType : MACHINE_TYPES) {
			HttpResponse<byte[]> response = get(machineType, "/v2/team/app/manifests/solo").join();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(single.bytes());
			assertThat(response.headers().firstValue("Content-Type")).hasValue(single.mediaType());
		}
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/solo")).isEqualTo(1);
		assertThat(registry.countRequests("HEAD", "/v2/team/app/manifests/solo")).isZero();
	}

	@Test
	void fiftyConcurrentPullsOfOneUncachedTagByThreeMachineTypesCauseOneUpstreamGet() {
		List<CompletableFuture<HttpResponse<byte[]>>> lists = IntStream.range(0, 50)
			.mapToObj(i -> get(MACHINE_TYPES.get(i % 3), "/v2/team/app/manifests/burst"))
			.toList();
		List<HttpResponse<byte[]>> answers = lists.stream().map(CompletableFuture::join).toList();
		assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
		Map<String, Set<String>> digestsByMachineType = IntStream.range(0, 50).boxed()
			.collect(Collectors.groupingBy(i -> MACHINE_TYPES.get(i % 3), Collectors.mapping(
					i -> answers.get(i).headers().firstValue("Docker-Content-Digest").orElseThrow(), Collectors.toSet())));
		assertThat(digestsByMachineType.values()).allSatisfy(digests -> assertThat(digests).hasSize(1));
		assertThat(digestsByMachineType.values().stream().flatMap(Set::stream).distinct()).hasSize(3);

		// every pull then fetches the child its list names, all at once
		List<CompletableFuture<HttpResponse<byte[]>>> children = IntStream.range(0, 50)
			.mapToObj(i -> get(MACHINE_TYPES.get(i % 3), "/v2/team/app/manifests/" + child(answers.get(i).body())))
			.toList();
		assertThat(children).allSatisfy(pull -> assertThat(pull.join().statusCode()).isEqualTo(200));

		long listGets = registry.countRequests("GET", "/v2/team/app/manifests/burst");
		long childGets = registry.countRequests("GET", "/v2/team/app/manifests/" + broadwell.digest())
				+ registry.countRequests("GET", "/v2/team/app/manifests/" + skylake.digest())
				+ registry.countRequests("GET", "/v2/team/app/manifests/" + generic.digest());
		System.out.println("MEASURED 50 concurrent pulls by 3 machine types: upstream GETs for the list=" + listGets
				+ ", for the 3 children=" + childGets);
		assertThat(listGets).isEqualTo(1);
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/" + broadwell.digest())).isEqualTo(1);
		assertThat(registry.countRequests("GET", "/v2/team/app/manifests/" + skylake.digest())).isEqualTo(1);
		assertThat(registry.countRequests("HEAD", "/v2/team/app/manifests/")).isZero();
	}

	private static String child(byte[] list) {
		String text = new String(list, StandardCharsets.UTF_8);
		int at = text.indexOf("sha256:");
		return text.substring(at, at + 71);
	}

	private CompletableFuture<HttpResponse<byte[]>> get(String machineType, String path) {
		return http.sendAsync(request(machineType, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> head(String machineType, String path) {
		return http.sendAsync(request(machineType, path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofByteArray()).join();
	}

	private HttpRequest.Builder request(String machineType, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((machineType + ":x").getBytes(StandardCharsets.UTF_8)))
			.header("Accept", ACCEPT_ALL);
	}

}
