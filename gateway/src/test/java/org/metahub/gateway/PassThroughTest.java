package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.TarGz;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything but rewritten lists passes through to a real anonymous registry, bytes and headers intact. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PassThroughTest {

	private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	private static RegistryServer registry;

	private static RegistryPusher.Pushed image;

	private static byte[] blob;

	private static String blobDigest;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		image = pusher.pushImage("team/app", "1.0", "app", true);
		for (String tag : List.of("a", "b", "c", "d")) {
			pusher.pushManifest("team/app", tag, image.mediaType(), image.bytes());
		}
		blob = TarGz.singleFile("data", "some layer content that is long enough to ask for a range of it\n");
		blobDigest = pusher.pushBlob("team/app", blob);
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void manifestByTagComesWithItsBytesAndDigestUntouched() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/manifests/1.0", "Accept", OCI_MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(image.bytes());
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
		assertThat(response.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);
	}

	@Test
	void manifestByDigestComesWithItsBytes() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/manifests/" + image.digest(), "Accept", OCI_MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Digests.sha256(response.body())).isEqualTo(image.digest());
	}

	@Test
	void manifestHeadByTagAndDigestCarriesDigestAndLength() {
		for (String reference : List.of("1.0", image.digest())) {
			HttpResponse<byte[]> response = gateway.head("/v2/team/app/manifests/" + reference, "Accept", OCI_MANIFEST);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEmpty();
			assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
			assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(image.size());
		}
	}

	@Test
	void unknownManifestIsTheUpstreamsOwn404() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/manifests/missing");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("MANIFEST_UNKNOWN");
	}

	@Test
	void blobGetAndHeadCarryTheContentUnderItsDigest() {
		HttpResponse<byte[]> get = gateway.get("/v2/team/app/blobs/" + blobDigest);
		HttpResponse<byte[]> head = gateway.head("/v2/team/app/blobs/" + blobDigest);

		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(Digests.sha256(get.body())).isEqualTo(blobDigest);
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(blobDigest);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
	}

	@Test
	void rangeRequestsArePassedThrough() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/blobs/" + blobDigest, "Range", "bytes=5-14");

		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 5-14/" + blob.length);
		assertThat(response.body()).isEqualTo(java.util.Arrays.copyOfRange(blob, 5, 15));
	}

	@Test
	void catalogIsListedPageByPageWithTheLinkHeader() {
		RegistryPusher pusher = RegistryPusher.to(registry);
		for (String repository : List.of("zoo/a", "zoo/b", "zoo/c")) {
			pusher.pushImage(repository, "1", repository, true);
		}
		HttpResponse<byte[]> first = gateway.get("/v2/_catalog?n=2&last=zoo");
		HttpResponse<byte[]> next = gateway.get("/v2/_catalog?n=2&last=zoo/b");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("zoo/a", "zoo/b").doesNotContain("zoo/c");
		assertThat(first.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
			.contains("/v2/_catalog?").contains("n=2").contains("rel=\"next\""));
		assertThat(new String(next.body(), StandardCharsets.UTF_8)).contains("zoo/c").doesNotContain("zoo/a");
	}

	@Test
	void aWholeTagListReachesTheUpstreamUnchanged() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"1.0\"", "\"d\"");
		assertThat(registry.countRequests("GET", "/v2/team/app/tags/list")).isEqualTo(1);
	}

	@Test
	void catalogListsTheRepositories() {
		HttpResponse<byte[]> response = gateway.get("/v2/_catalog?n=10");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("team/app");
	}

	@Test
	void encodedQueriesReachTheUpstreamStillEncoded() {
		HttpResponse<byte[]> response = gateway.get("/v2/_catalog?n=10&last=%61");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(registry.countRequests("GET", "/v2/_catalog?n=10&last=%61")).isEqualTo(1);
	}

}
