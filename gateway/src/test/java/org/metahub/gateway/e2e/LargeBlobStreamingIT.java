package org.metahub.gateway.e2e;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blob four times larger than the gateway's heap streams through it intact: blobs are never
 * buffered, and direct memory is capped too, so any accumulation would end the download.
 */
class LargeBlobStreamingIT {

	private static final long BLOB_SIZE = 512L * 1024 * 1024;

	private static final long SEED = 20261128L;

	@Test
	void aBlobLargerThanTheHeapStreamsThroughWithItsDigestIntact() throws Exception {
		String digest = DeterministicBytes.digest(SEED, BLOB_SIZE);
		try (RegistryServer registry = RegistryServer.start();
				GatewayProcess gateway = GatewayProcess.start(
						List.of("-Xmx128m", "-XX:MaxDirectMemorySize=64m", "-Dio.netty.maxDirectMemory=0"),
						List.of("--metahub.upstream.url=" + registry.url()))) {
			RegistryPusher.to(registry).pushBlob("big/blob", digest, () -> new DeterministicBytes(SEED, BLOB_SIZE));
			long idle = gateway.residentBytes();
			AtomicLong peak = new AtomicLong(idle);

			HttpResponse<InputStream> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v2/big/blob/blobs/" + digest))
					.header("Authorization", basic("qnib-type1", "qnib-type1"))
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			MessageDigest sha256 = Digests.newSha256();
			long received = 0;
			try (InputStream body = response.body()) {
				byte[] chunk = new byte[1 << 16];
				for (int read; (read = body.read(chunk)) > 0;) {
					sha256.update(chunk, 0, read);
					received += read;
					if ((received & ((1 << 26) - 1)) < read) {
						peak.accumulateAndGet(gateway.residentBytes(), Math::max);
					}
				}
			}

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(received).isEqualTo(BLOB_SIZE);
			assertThat("sha256:" + HexFormat.of().formatHex(sha256.digest())).isEqualTo(digest);
			System.out.printf("gateway RSS idle %d MiB, peak while streaming 512 MiB %d MiB%n", idle >> 20,
					peak.get() >> 20);
		}
	}

	private static String basic(String login, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
