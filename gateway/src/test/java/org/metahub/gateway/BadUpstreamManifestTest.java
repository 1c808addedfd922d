package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metahub.filters.oci.Digests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage, wrong media types and digest mismatches from the upstream are 502s and never cached. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "metahub.manifest.tag-freshness=1h")
class BadUpstreamManifestTest {

	static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\"}";

	static final String ASKED = "sha256:abababababababababababababababababababababababababababababababab";

	private static FakeHttpServer upstream;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		upstream = new FakeHttpServer("127.0.0.1", request -> {
			String path = request.uri().getPath();
			if (path.equals("/v2/")) {
				return FakeHttpServer.Response.of(200, "{}");
			}
			if (path.endsWith("/html")) {
				return FakeHttpServer.Response.of(200, "<html>login</html>", "Content-Type", "text/html");
			}
			if (path.endsWith("/not-json")) {
				return FakeHttpServer.Response.of(200, "garbage{", "Content-Type", OCI_MANIFEST);
			}
			if (path.endsWith("/not-a-list")) {
				return FakeHttpServer.Response.of(200, "{\"layers\":[]}", "Content-Type",
						"application/vnd.oci.image.index.v1+json");
			}
			if (path.endsWith("/lying-tag")) {
				return FakeHttpServer.Response.of(200, MANIFEST, "Content-Type", OCI_MANIFEST,
						"Docker-Content-Digest", ASKED);
			}
			if (path.endsWith("/" + ASKED)) {
				return FakeHttpServer.Response.of(200, MANIFEST, "Content-Type", OCI_MANIFEST);
			}
			return FakeHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}",
					"Content-Type", "application/json");
		});
		properties.add("metahub.upstream.url", () -> upstream.url().toString());
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "html", "not-json", "not-a-list", "lying-tag", ASKED })
	void aBadAnswerIsA502AndIsAskedForAgain(String reference) {
		String path = "/v2/team/bad/manifests/" + reference;
		for (int i = 0; i < 2; i++) {
			HttpResponse<byte[]> response = gateway.get(path, "Accept", OCI_MANIFEST);
			assertThat(response.statusCode()).isEqualTo(502);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"MANIFEST_INVALID\"");
		}
		assertThat(upstream.received(path)).hasSize(2);
	}

	@Test
	void aDigestMismatchIsLoggedAsASecurityEvent(CapturedOutput output) {
		gateway.get("/v2/team/logged/manifests/" + ASKED, "Accept", OCI_MANIFEST);
		assertThat(output.getOut()).contains("SECURITY digest mismatch: upstream 127.0.0.1:" + upstream.url().getPort()
				+ " repository team/logged reference " + ASKED + " expected " + ASKED + " actual "
				+ Digests.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8)));
	}

}
