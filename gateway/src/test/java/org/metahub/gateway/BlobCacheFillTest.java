package org.metahub.gateway;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty clients asking a real registry's uncached 64 MiB blob at once cost the upstream one blob GET. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlobCacheFillTest {

	private static final Duration DEADLINE = Duration.ofSeconds(120);

	private static final int CLIENTS = 50;

	private static final int BLOB_SIZE = 64 * 1024 * 1024;

	private static final RegistryServer REGISTRY = TestServers.UPSTREAM;

	private static BlobCacheFolder cache;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> REGISTRY.url().toString());
		cache = BlobCacheFolder.enable(properties, "256MB");
	}

	@AfterAll
	static void removeCache() {
		cache.delete();
	}

	@Test
	void fiftyConcurrentClientsOfAnUncached64MibBlobCauseOneUpstreamGetAndAllGetItsBytes() throws Exception {
		String digest = pushRandomBlob();
		GatewayClient gateway = new GatewayClient(port);

		List<BlobDownload> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(BlobDownload.start(gateway, "/v2/team/fill/blobs/" + digest));
		}

		for (BlobDownload client : clients) {
			BlobDownload.Result result = client.await(DEADLINE);
			assertThat(result.complete()).as("%s", result).isTrue();
			assertThat(result.received()).isEqualTo(BLOB_SIZE);
			assertThat(result.digest()).isEqualTo(digest);
		}
		Poll.until("the registry logged the blob's GET", Duration.ofSeconds(10),
				() -> REGISTRY.countRequests("GET", "/blobs/" + digest) >= 1);
		assertThat(REGISTRY.countRequests("GET", "/blobs/" + digest)).isEqualTo(1);
		Poll.until("the blob is cached", Duration.ofSeconds(10), () -> Files.exists(cache.entryFile(digest)));
		assertThat(Digests.sha256(Files.readAllBytes(cache.entryFile(digest)))).isEqualTo(digest);
	}

	private static String pushRandomBlob() {
		byte[] blob = new byte[BLOB_SIZE];
		new Random(64).nextBytes(blob);
		return RegistryPusher.to(REGISTRY).pushBlob("team/fill", blob);
	}

}
