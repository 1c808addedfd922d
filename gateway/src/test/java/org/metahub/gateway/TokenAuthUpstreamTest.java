package org.metahub.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens against a real distribution registry with {@code auth.token} and its token service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenAuthUpstreamTest {

	private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	private static Path tokenFolder;

	private static TokenService tokens;

	private static RegistryServer registry;

	private static RegistryPusher.Pushed alpine;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) throws Exception {
		tokenFolder = Files.createTempDirectory("metahub-token");
		tokens = new TokenService(tokenFolder);
		registry = RegistryServer.builder()
			.tokenAuth(tokens.realm().toString(), TokenService.SERVICE, TokenService.ISSUER, tokens.rootCertBundle())
			.start();
		for (String repository : List.of("alpine", "busybox", "revoked")) {
			String push = "Bearer " + tokens.mint("repository", repository, "pull", "push");
			RegistryPusher.Pushed pushed = new RegistryPusher(registry.url(), () -> push).pushImage(repository, "3",
					repository, true);
			alpine = repository.equals("alpine") ? pushed : alpine;
		}
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		properties.add("metahub.upstream.username", () -> "gateway");
		properties.add("metahub.upstream.password", () -> "gateway-secret");
	}

	@AfterAll
	static void stop() throws IOException {
		registry.close();
		tokens.close();
		FileSystemUtils.deleteRecursively(tokenFolder);
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void pullsWithATokenForTheRepositoryScopeFetchedWithTheUpstreamCredentials() {
		HttpResponse<byte[]> manifest = gateway.get("/v2/alpine/manifests/3", "Accept", OCI_MANIFEST);

		assertThat(manifest.statusCode()).isEqualTo(200);
		assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(alpine.digest());
		List<FakeHttpServer.Received> fetches = tokens.requests().stream()
			.filter(request -> request.uri().getRawQuery().contains("alpine"))
			.toList();
		assertThat(fetches).hasSize(1);
		assertThat(fetches.get(0).uri().getRawQuery())
			.contains("service=" + TokenService.SERVICE)
			.contains("scope=repository%3Aalpine%3Apull");
		// the token realm is on the upstream's host: it gets the upstream's credentials, not the client's
		assertThat(fetches.get(0).authorization()).isEqualTo("Basic Z2F0ZXdheTpnYXRld2F5LXNlY3JldA==");
	}

	@Test
	void concurrentPullsOfOneRepositoryShareOneTokenFetch() {
		tokens.hold();
		List<CompletableFuture<HttpResponse<byte[]>>> pulls = IntStream.range(0, 20)
			.mapToObj(i -> gateway.getAsync("/v2/busybox/manifests/3", "Accept", OCI_MANIFEST))
			.toList();
		Poll.until("the first token request", Duration.ofSeconds(10),
				() -> tokens.requestsFor("repository:busybox:pull") > 0);
		tokens.open();

		assertThat(pulls).allSatisfy(pull -> assertThat(pull.join().statusCode()).isEqualTo(200));
		assertThat(tokens.requestsFor("repository:busybox:pull")).isEqualTo(1);
		assertThat(gateway.get("/v2/busybox/manifests/3", "Accept", OCI_MANIFEST).statusCode()).isEqualTo(200);
		assertThat(tokens.requestsFor("repository:busybox:pull")).isEqualTo(1);
	}

	@Test
	void theCatalogIsAskedForWithTheCatalogScope() {
		HttpResponse<byte[]> catalog = gateway.get("/v2/_catalog");

		assertThat(catalog.statusCode()).isEqualTo(200);
		assertThat(new String(catalog.body())).contains("alpine");
		assertThat(tokens.requestsFor("registry:catalog:*")).isEqualTo(1);
	}

	@Test
	void aTokenTheUpstreamRefusesIsDroppedAndTheNextRequestFetchesANewOne() {
		tokens.issueRevoked(true);
		HttpResponse<byte[]> refused = gateway.get("/v2/revoked/manifests/3", "Accept", OCI_MANIFEST);
		tokens.issueRevoked(false);
		HttpResponse<byte[]> retried = gateway.get("/v2/revoked/manifests/3", "Accept", OCI_MANIFEST);

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(tokens.requestsFor("repository:revoked:pull")).isEqualTo(2);
	}

}
