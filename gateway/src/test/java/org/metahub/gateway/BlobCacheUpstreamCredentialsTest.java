package org.metahub.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
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

/** The blob cache asks and fills with the upstream's credentials: a registry behind htpasswd is cached too. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlobCacheUpstreamCredentialsTest {

	private static RegistryServer registry;

	private static Path cacheFolder;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) throws IOException {
		registry = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();
		cacheFolder = Files.createTempDirectory("blob-cache-credentials-test");
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		properties.add("metahub.upstream.username", registry::username);
		properties.add("metahub.upstream.password", registry::password);
		properties.add("metahub.blob-cache.enabled", () -> "true");
		properties.add("metahub.blob-cache.path", cacheFolder::toString);
	}

	@AfterAll
	static void stop() throws IOException {
		registry.close();
		FileSystemUtils.deleteRecursively(cacheFolder);
	}

	@Test
	void aBlobOfAnAuthenticatedUpstreamIsFetchedOnceAndThenServedFromTheCache() {
		byte[] blob = new byte[256 * 1024];
		new Random(7).nextBytes(blob);
		String digest = RegistryPusher.to(registry).pushBlob("team/app", blob);
		GatewayClient gateway = new GatewayClient(port);

		HttpResponse<byte[]> miss = gateway.get("/v2/team/app/blobs/" + digest);
		Poll.until("the registry logged the blob's GET", Duration.ofSeconds(10),
				() -> registry.countRequests("GET", "/blobs/" + digest) >= 1);
		Poll.until("the blob is cached", Duration.ofSeconds(10), () -> Files.exists(
				cacheFolder.resolve("sha256").resolve(digest.substring(7, 9)).resolve(digest.substring(7))));
		HttpResponse<byte[]> hit = gateway.get("/v2/team/app/blobs/" + digest);

		assertThat(miss.statusCode()).isEqualTo(200);
		assertThat(miss.body()).isEqualTo(blob);
		assertThat(hit.statusCode()).isEqualTo(200);
		assertThat(hit.body()).isEqualTo(blob);
		assertThat(hit.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");
		assertThat(registry.countRequests("GET", "/blobs/" + digest)).isEqualTo(1);
	}

}
