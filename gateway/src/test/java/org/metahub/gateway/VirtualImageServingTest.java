package org.metahub.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.virtualimage.ManifestBlobs;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual images served through the whole gateway: components in another repository of the default
 * upstream and on a second upstream ({@code ghcr.io}), the demo machine types {@code qnib-type1}
 * (cpu:broadwell) and {@code qnib-type2} (cpu:skylake), and tags that are always revalidated. The context is
 * closed after the class, so that its shutdown does not add to the fork's exit time.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.manifest.tag-freshness=0s",
				"metahub.machine-types[0].login=qnib-type1", "metahub.machine-types[0].password={noop}qnib-type1",
				"metahub.machine-types[0].features[0]=cpu:broadwell",
				"metahub.machine-types[1].login=qnib-type2", "metahub.machine-types[1].password={noop}qnib-type2",
				"metahub.machine-types[1].features[0]=cpu:skylake",
				"metahub.machine-types[2].login=imager", "metahub.machine-types[2].password={noop}imager",
				"metahub.machine-types[2].features[0]=cpu:skylake", "metahub.machine-types[2].resolve=image" })
class VirtualImageServingTest {

	private static final String ACCEPT_ALL = ManifestSelectionIntegrationTest.ACCEPT_ALL;

	private static final String UNKNOWN = "sha256:" + "ab".repeat(32);

	@TempDir
	static Path specs;

	private static RegistryServer hub;

	private static RegistryServer ghcr;

	private static Pushed broadwell;

	private static Pushed skylake;

	private static Pushed shadowed;

	private static Pushed cold;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void pushComponents() throws IOException {
		hub = RegistryServer.start();
		ghcr = RegistryServer.start();
		broadwell = RegistryPusher.to(hub).pushImage("seed/bench", "broadwell", "broadwell", true);
		skylake = RegistryPusher.to(ghcr).pushImage("qnib/bench", "skylake", "skylake", false);
		shadowed = RegistryPusher.to(hub).pushImage("qnib/bench", "upstream", "upstream", true);
		RegistryPusher.to(hub).pushImage("seed/bench", "moving", "first", true);
		Files.writeString(specs.resolve("broken.yml"), """
				image: qnib/broken
				manifests:
				  - image: seed/bench:missing
				    platform: {architecture: amd64, os: linux}
				""", StandardCharsets.UTF_8);
		cold = RegistryPusher.to(ghcr).pushImage("seed/cold", "v1", "cold", true);
		Files.writeString(specs.resolve("cold.yaml"), """
				image: qnib/cold:v1
				manifests:
				  - image: ghcr.io/seed/cold:v1
				    platform: {architecture: amd64, os: linux, features: [cpu:broadwell]}
				""", StandardCharsets.UTF_8);
		Files.writeString(specs.resolve("bench.yml"), """
				image: qnib/bench:latest
				tags: ['1.0']
				manifests:
				  - image: seed/bench:broadwell
				    platform: {architecture: amd64, os: linux, features: [cpu:broadwell]}
				  - image: ghcr.io/qnib/bench:skylake
				    platform: {architecture: amd64, os: linux, features: [cpu:skylake]}
				""", StandardCharsets.UTF_8);
		Files.writeString(specs.resolve("moving.yml"), """
				image: qnib/moving
				manifests:
				  - image: seed/bench:moving
				    platform: {architecture: amd64, os: linux, features: [cpu:broadwell]}
				""", StandardCharsets.UTF_8);
	}

	@AfterAll
	static void stopRegistries() {
		hub.close();
		ghcr.close();
	}

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstreams[0].name", () -> "docker.io");
		properties.add("metahub.upstreams[0].url", () -> hub.url().toString());
		properties.add("metahub.upstreams[0].default", () -> "true");
		properties.add("metahub.upstreams[1].name", () -> "ghcr.io");
		properties.add("metahub.upstreams[1].url", () -> ghcr.url().toString());
		properties.add("metahub.virtual-images.location", () -> specs.toString());
	}

	@Test
	void eachMachineTypeGetsItsComponentAndItsChildAndBlobsUnderTheVirtualName() {
		assertServes("qnib-type1", "latest", broadwell, skylake);
		assertServes("qnib-type2", "latest", skylake, broadwell);
		assertServes("qnib-type2", "1.0", skylake, broadwell);
	}

	@Test
	void headDescribesWhatGetServes() {
		EntityExchangeResult<byte[]> get = request(HttpMethod.GET, "/v2/qnib/bench/manifests/latest", "qnib-type1")
			.expectStatus().isOk().expectBody().returnResult();
		EntityExchangeResult<byte[]> head = request(HttpMethod.HEAD, "/v2/qnib/bench/manifests/latest", "qnib-type1")
			.expectStatus().isOk().expectBody().returnResult();
		assertThat(head.getResponseBody()).isNullOrEmpty();
		for (String header : new String[] { "Docker-Content-Digest", HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH }) {
			assertThat(head.getResponseHeaders().get(header)).as(header).isEqualTo(get.getResponseHeaders().get(header));
		}
	}

	@Test
	void unknownDigestsUnderTheVirtualNameAreUnknown() {
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + UNKNOWN, "qnib-type1").expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("MANIFEST_UNKNOWN");
		request(HttpMethod.GET, "/v2/qnib/bench/blobs/" + UNKNOWN, "qnib-type1").expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("BLOB_UNKNOWN");
		// the upstream repository of the same name is shadowed, its digests included
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + shadowed.digest(), "qnib-type1").expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("MANIFEST_UNKNOWN");
	}

	@Test
	void aTagTheSpecDoesNotDeclareIsUnknownEvenWhenTheUpstreamHasIt() {
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/upstream", "qnib-type1").expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("MANIFEST_UNKNOWN");
		request(HttpMethod.GET, "/v2/docker.io/qnib/bench/manifests/upstream", "qnib-type1").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", shadowed.digest());
	}

	@Test
	void tagsListNamesTheDeclaredTags() {
		request(HttpMethod.GET, "/v2/qnib/bench/tags/list", "qnib-type1").expectStatus().isOk()
			.expectBody().json("{\"name\":\"qnib/bench\",\"tags\":[\"1.0\",\"latest\"]}");
	}

	@Test
	void aMovedComponentTagGivesANewIndex() {
		Pushed first = RegistryPusher.to(hub).pushImage("seed/bench", "moving", "first", true);
		String before = new String(manifest("/v2/qnib/moving/manifests/latest").getResponseBody(), StandardCharsets.UTF_8);
		assertThat(before).contains(first.digest());
		Pushed second = RegistryPusher.to(hub).pushImage("seed/bench", "moving", "second", true);
		String after = new String(manifest("/v2/qnib/moving/manifests/latest").getResponseBody(), StandardCharsets.UTF_8);
		assertThat(after).contains(second.digest()).doesNotContain(first.digest());
		request(HttpMethod.GET, "/v2/qnib/moving/manifests/" + second.digest(), "qnib-type1").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", second.digest());
	}

	@Test
	void resolveImageServesTheChosenComponentManifestForTheTag() {
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/latest", "imager").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", skylake.digest())
			.expectBody().consumeWith(result -> assertThat(result.getResponseBody()).isEqualTo(skylake.bytes()));
	}

	@Test
	void aComponentThatCannotBeResolvedFailsThePull() {
		request(HttpMethod.GET, "/v2/qnib/broken/manifests/latest", "qnib-type1").expectStatus().isEqualTo(502)
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("MANIFEST_INVALID")
			.jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
				.contains("manifests[0]", "seed/bench:missing", "HTTP 404"));
	}

	@Test
	void aDigestHandedOutElsewhereIsFoundByRebuildingTheDeclaredIndexes() {
		// nothing was pulled under qnib/cold on this replica: as if another replica had served the list
		String layer = ManifestBlobs.digests(cold.bytes()).get(1);
		byte[] bytes = request(HttpMethod.GET, "/v2/qnib/cold/blobs/" + layer, "qnib-type2").expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		assertThat(Digests.sha256(bytes)).isEqualTo(layer);
		request(HttpMethod.GET, "/v2/qnib/cold/manifests/" + cold.digest(), "qnib-type2").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", cold.digest());
	}

	@Test
	void aComponentBlobIsFetchedOnceAndThenServedFromTheBlobCache() {
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + skylake.digest(), "qnib-type2").expectStatus().isOk();
		String blob = ManifestBlobs.digests(skylake.bytes()).iterator().next();
		byte[] first = request(HttpMethod.GET, "/v2/qnib/bench/blobs/" + blob, "qnib-type2").expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		Poll.until("the component registry logged the blob's GET", Duration.ofSeconds(10),
				() -> ghcr.countRequests("GET", "/blobs/" + blob) >= 1);
		long upstreamGets = ghcr.countRequests("GET", "/blobs/" + blob);

		byte[] second = request(HttpMethod.GET, "/v2/qnib/bench/blobs/" + blob, "qnib-type2").expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"" + blob + "\"")
			.expectBody().returnResult().getResponseBody();

		assertThat(Digests.sha256(first)).isEqualTo(blob);
		assertThat(second).isEqualTo(first);
		assertThat(ghcr.countRequests("GET", "/blobs/" + blob)).isEqualTo(upstreamGets);
	}

	private void assertServes(String machineType, String tag, Pushed chosen, Pushed other) {
		EntityExchangeResult<byte[]> list = request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + tag, machineType)
			.expectStatus().isOk().expectBody().returnResult();
		String body = new String(list.getResponseBody(), StandardCharsets.UTF_8);
		String digest = list.getResponseHeaders().getFirst("Docker-Content-Digest");
		assertThat(digest).isEqualTo(Digests.sha256(list.getResponseBody()));
		assertThat(body).contains(chosen.digest()).doesNotContain(other.digest());
		request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + digest, machineType).expectStatus().isOk()
			.expectBody().consumeWith(again -> assertThat(again.getResponseBody()).isEqualTo(list.getResponseBody()));

		byte[] child = request(HttpMethod.GET, "/v2/qnib/bench/manifests/" + chosen.digest(), machineType)
			.expectStatus().isOk().expectHeader().valueEquals("Docker-Content-Digest", chosen.digest())
			.expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, chosen.mediaType())
			.expectBody().returnResult().getResponseBody();
		assertThat(child).isEqualTo(chosen.bytes());
		for (String blob : ManifestBlobs.digests(chosen.bytes())) {
			byte[] bytes = request(HttpMethod.GET, "/v2/qnib/bench/blobs/" + blob, machineType).expectStatus().isOk()
				.expectBody().returnResult().getResponseBody();
			assertThat(Digests.sha256(bytes)).isEqualTo(blob);
		}
	}

	private EntityExchangeResult<byte[]> manifest(String path) {
		return request(HttpMethod.GET, path, "qnib-type1").expectStatus().isOk().expectBody().returnResult();
	}

	private WebTestClient.ResponseSpec request(HttpMethod method, String path, String machineType) {
		return GatewayClient.webTestClient(port)
			.method(method).uri(path).header(HttpHeaders.ACCEPT, ACCEPT_ALL)
			.header(HttpHeaders.AUTHORIZATION, GatewayClient.basic(machineType, machineType)).exchange();
	}

}
