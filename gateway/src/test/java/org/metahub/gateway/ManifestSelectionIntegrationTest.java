package org.metahub.gateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.manifest.InMemoryManifestStore;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole gateway in front of a real registry, each request logged in with Basic credentials of
 * a machine type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.manifest.max-size=2KB",
				"metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake",
				"metahub.machine-types[1].login=zen", "metahub.machine-types[1].password={noop}x",
				"metahub.machine-types[1].features[0]=cpu:zen3",
				"metahub.machine-types[2].login=imager", "metahub.machine-types[2].password={noop}x",
				"metahub.machine-types[2].features[0]=cpu:cascadelake", "metahub.machine-types[2].resolve=image",
				"metahub.machine-types[3].login=strict", "metahub.machine-types[3].password={noop}x",
				"metahub.machine-types[3].features[0]=cpu:skylake", "metahub.machine-types[3].pinned=reject" })
class ManifestSelectionIntegrationTest {

	static final String ACCEPT_ALL = "application/vnd.oci.image.index.v1+json, "
			+ "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, "
			+ "application/vnd.docker.distribution.manifest.v2+json, */*";

	private static RegistryServer registry;

	private static Pushed broadwell;

	private static Pushed skylake;

	private static Pushed arm;

	private static Pushed list;

	@LocalServerPort
	private int port;

	@Autowired
	private ManifestStore store;

	@BeforeAll
	static void pushImages() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		skylake = pusher.pushImage("team/app", "single", "skylake", true);
		arm = pusher.pushImage("team/app", null, "arm", true);
		list = pusher.pushList("team/app", "latest", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"),
				Entry.of(skylake, "amd64", "cpu:skylake"), Entry.of(arm, "arm64")));
		pusher.pushList("team/app", "specific", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell")));
		List<Entry> many = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			many.add(new Entry(broadwell, "linux", "amd64", "v" + i, List.of("cpu:broadwell"), false));
		}
		pusher.pushList("team/app", "large", true, many);
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@Test
	void resolveImageAnswersATagWithTheChosenImageManifestUnderItsOwnDigest() {
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
			EntityExchangeResult<byte[]> result = request(method, "latest", "imager").expectStatus().isOk()
				.expectBody().returnResult();
			assertThat(result.getResponseHeaders().getFirst("Docker-Content-Digest")).isEqualTo(skylake.digest());
			assertThat(result.getResponseHeaders().getContentType()).hasToString(skylake.mediaType());
			assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(skylake.size());
			if (method == HttpMethod.GET) {
				assertThat(result.getResponseBody()).isEqualTo(skylake.bytes());
			}
		}
	}

	@Test
	void pinnedRejectRefusesTheUpstreamListDigestButNotTheRewrittenOne() {
		request(HttpMethod.GET, list.digest(), "strict").expectStatus().isForbidden()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("DENIED")
			.jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("pull by tag"));
		String rewritten = request(HttpMethod.HEAD, "latest", "strict").expectStatus().isOk()
			.expectBody().returnResult().getResponseHeaders().getFirst("Docker-Content-Digest");
		request(HttpMethod.GET, rewritten, "strict").expectStatus().isOk();
		request(HttpMethod.GET, list.digest(), "skylake").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", list.digest());
	}

	@Test
	void usesTheInMemoryStoreWithoutRedis() {
		assertThat(store).isInstanceOf(InMemoryManifestStore.class);
	}

	@Test
	void tagResolvesToTheRewrittenListOnHeadAndGetAndItsDigestServesTheSameBytes() {
		EntityExchangeResult<byte[]> get = request(HttpMethod.GET, "latest", "skylake").expectStatus().isOk()
			.expectBody().returnResult();
		byte[] body = get.getResponseBody();
		String digest = get.getResponseHeaders().getFirst("Docker-Content-Digest");
		assertThat(digest).isEqualTo(Digests.sha256(body)).isNotEqualTo(list.digest());
		assertThat(new String(body)).contains(skylake.digest(), arm.digest()).doesNotContain(broadwell.digest());
		assertThat(get.getResponseHeaders().getContentLength()).isEqualTo(body.length);

		EntityExchangeResult<byte[]> head = request(HttpMethod.HEAD, "latest", "skylake").expectStatus().isOk()
			.expectBody().returnResult();
		assertThat(head.getResponseBody()).isNullOrEmpty();
		assertSameDescription(head.getResponseHeaders(), get.getResponseHeaders());

		EntityExchangeResult<byte[]> byDigest = request(HttpMethod.GET, digest, "zen").expectStatus().isOk()
			.expectBody().returnResult();
		assertThat(byDigest.getResponseBody()).isEqualTo(body);
		assertSameDescription(byDigest.getResponseHeaders(), get.getResponseHeaders());
		EntityExchangeResult<byte[]> headByDigest = request(HttpMethod.HEAD, digest, "zen").expectStatus().isOk()
			.expectBody().returnResult();
		assertThat(headByDigest.getResponseBody()).isNullOrEmpty();
		assertSameDescription(headByDigest.getResponseHeaders(), get.getResponseHeaders());
	}

	@Test
	void upstreamDigestOfTheListServesTheUpstreamBytes() {
		byte[] body = request(HttpMethod.GET, list.digest(), "skylake").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", list.digest())
			.expectBody().returnResult().getResponseBody();
		assertThat(body).isEqualTo(list.bytes());
	}

	@Test
	void singleManifestByTagPassesThrough() {
		byte[] body = request(HttpMethod.GET, "single", "skylake").expectStatus().isOk()
			.expectHeader().valueEquals("Docker-Content-Digest", skylake.digest())
			.expectBody().returnResult().getResponseBody();
		assertThat(body).isEqualTo(skylake.bytes());
	}

	@Test
	void listWithoutAFittingEntryIsManifestUnknown() {
		request(HttpMethod.GET, "specific", "zen").expectStatus().isNotFound()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("MANIFEST_UNKNOWN")
			.jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("cpu:zen3", "cpu:broadwell"));
	}

	@Test
	void tooLargeListIsAnOciErrorNotA500() {
		request(HttpMethod.GET, "large", "skylake").expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader().contentType("application/json")
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("SIZE_INVALID");
		request(HttpMethod.HEAD, "large", "skylake").expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	private WebTestClient.ResponseSpec request(HttpMethod method, String reference, String machineType) {
		WebTestClient.RequestBodySpec spec = GatewayClient.webTestClient(port)
			.method(method).uri("/v2/team/app/manifests/" + reference).header(HttpHeaders.ACCEPT, ACCEPT_ALL);
		return spec.header(HttpHeaders.AUTHORIZATION, GatewayClient.basic(machineType, "x")).exchange();
	}

	private static void assertSameDescription(HttpHeaders actual, HttpHeaders expected) {
		for (String header : List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE, "Docker-Content-Digest",
				HttpHeaders.ETAG)) {
			assertThat(actual.get(header)).as(header).isNotEmpty().isEqualTo(expected.get(header));
		}
	}

}
