package org.metahub.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway restarted on the same cache folder serves the blobs it cached, for the repositories the
 * upstream confirmed, with the upstream stopped; any other repository is refused, never given the bytes.
 */
class BlobCacheRestartTest {

	private Path cacheFolder;

	private ConfigurableApplicationContext gateway;

	@AfterEach
	void stop() throws IOException {
		if (gateway != null) {
			gateway.close();
		}
		FileSystemUtils.deleteRecursively(cacheFolder);
	}

	@Test
	void aRestartedGatewayServesConfirmedCachedBlobsWithTheUpstreamStopped() throws IOException {
		cacheFolder = Files.createTempDirectory("blob-cache-restart");
		byte[] blob = new byte[512 * 1024];
		new Random(7).nextBytes(blob);
		String digest;
		String upstream;
		try (RegistryServer registry = RegistryServer.start()) {
			upstream = registry.url().toString();
			RegistryPusher pusher = RegistryPusher.to(registry);
			digest = pusher.pushBlob("team/a", blob);
			pusher.pushBlob("team/b", "only in b".getBytes());
			gateway = start(upstream);
			HttpResponse<byte[]> first = client().get("/v2/team/a/blobs/" + digest);
			assertThat(first.statusCode()).isEqualTo(200);
			Path entry = cacheFolder.resolve("sha256").resolve(digest.substring(7, 9)).resolve(digest.substring(7));
			Poll.until("the blob is cached", Duration.ofSeconds(10), () -> Files.exists(entry));
			gateway.close();
		}

		gateway = start(upstream);
		HttpResponse<byte[]> cached = client().get("/v2/team/a/blobs/" + digest);
		HttpResponse<byte[]> head = client().head("/v2/team/a/blobs/" + digest);
		HttpResponse<byte[]> other = client().get("/v2/team/b/blobs/" + digest);

		assertThat(cached.statusCode()).isEqualTo(200);
		assertThat(cached.body()).isEqualTo(blob);
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(blob.length));
		assertThat(other.statusCode()).isIn(502, 503, 504);
		assertThat(other.body().length).isLessThan(blob.length);
	}

	private ConfigurableApplicationContext start(String upstream) {
		return new SpringApplicationBuilder(MetahubGatewayApplication.class).run("--server.port=0",
				"--metahub.upstream.url=" + upstream, "--metahub.blob-cache.enabled=true",
				"--metahub.blob-cache.path=" + cacheFolder, "--metahub.blob-cache.max-size=16MB");
	}

	private GatewayClient client() {
		return new GatewayClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
	}

}
