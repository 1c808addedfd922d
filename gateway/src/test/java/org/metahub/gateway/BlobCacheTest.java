package org.metahub.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code metahub.blob-cache.enabled}, blobs of a real registry are fetched once and then served from the cache. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlobCacheTest {

	private static final int CLIENTS = 20;

	private static RegistryServer registry;

	private static RegistryPusher pusher;

	private static BlobCacheFolder cache;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		registry = RegistryServer.start();
		pusher = RegistryPusher.to(registry);
		// repository B exists at the upstream, but without the blobs pushed to A
		pusher.pushBlob("team/b", "only in b".getBytes());
		properties.add("metahub.upstream.url", () -> registry.url().toString());
		cache = BlobCacheFolder.enable(properties, "64MB");
	}

	@AfterAll
	static void stop() {
		registry.close();
		cache.delete();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void concurrentClientsOfAnUncachedBlobCauseOneUpstreamGetAndAllGetItsBytes() throws Exception {
		byte[] blob = randomBlob(4 * 1024 * 1024, 1);
		String digest = pusher.pushBlob("team/a", blob);
		List<CompletableFuture<HttpResponse<byte[]>>> pulls = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			pulls.add(gateway.getAsync("/v2/team/a/blobs/" + digest));
		}
		for (CompletableFuture<HttpResponse<byte[]>> pull : pulls) {
			HttpResponse<byte[]> response = pull.get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Digests.sha256(response.body())).isEqualTo(digest);
			assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(blob.length));
			assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		}
		assertThat(upstreamGets(digest)).isEqualTo(1);
	}

	@Test
	void concurrentMissesShareOneConfirmingHeadAndJoinTheFill() throws Exception {
		byte[] blob = randomBlob(2 * 1024 * 1024, 9);
		String digest = pusher.pushBlob("team/a", blob);
		double misses = counter("metahub.blob-cache.misses");
		double joins = counter("metahub.blob-cache.joins");
		List<CompletableFuture<HttpResponse<byte[]>>> pulls = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			pulls.add(gateway.getAsync("/v2/team/a/blobs/" + digest));
		}
		for (CompletableFuture<HttpResponse<byte[]>> pull : pulls) {
			assertThat(Digests.sha256(pull.get(60, TimeUnit.SECONDS).body())).isEqualTo(digest);
		}
		assertThat(upstreamGets(digest)).isEqualTo(1);
		// clients that come once the first HEAD answered (and the fill runs) ask again, but never one each
		assertThat(registry.countRequests("HEAD", "/blobs/" + digest)).isLessThan(CLIENTS / 2);
		assertThat(counter("metahub.blob-cache.misses") - misses).isEqualTo(1);
		assertThat(counter("metahub.blob-cache.joins") - joins).isGreaterThan(0);
	}

	@Test
	void aMissThenAHitMoveTheMetrics() {
		double misses = counter("metahub.blob-cache.misses");
		double hits = counter("metahub.blob-cache.hits");
		double fromUpstream = bytes("upstream");
		double fromCache = bytes("cache");
		byte[] blob = randomBlob(256 * 1024, 10);

		String digest = cachedThroughA(blob);
		assertThat(gateway.get("/v2/team/a/blobs/" + digest).body()).isEqualTo(blob);

		assertThat(counter("metahub.blob-cache.misses") - misses).isEqualTo(1);
		assertThat(counter("metahub.blob-cache.hits") - hits).isEqualTo(1);
		assertThat(bytes("upstream") - fromUpstream).isEqualTo(blob.length);
		Poll.until("the hit's bytes are counted", Duration.ofSeconds(10), () -> bytes("cache") - fromCache == blob.length);
		assertThat(meters.get("metahub.blob-cache.size").gauge().value()).isGreaterThanOrEqualTo(blob.length);
		assertThat(meters.get("metahub.blob-cache.max-size").gauge().value()).isEqualTo(64 * 1024 * 1024);
		assertThat(meters.get("metahub.blob-cache.evictions").functionCounter().count()).isZero();
	}

	private double counter(String name) {
		return meters.get(name).counter().count();
	}

	private double bytes(String source) {
		return meters.get("metahub.blob-cache.bytes").tag("source", source).counter().count();
	}

	@Test
	void aSecondPullIsServedFromTheCacheWithoutTheUpstream() {
		byte[] blob = randomBlob(1024 * 1024, 2);
		String digest = cachedThroughA(blob);
		long upstreamRequests = registry.countRequests("", digest);

		HttpResponse<byte[]> response = gateway.get("/v2/team/a/blobs/" + digest);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(blob);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(blob.length));
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");
		assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(registry.countRequests("", digest)).isEqualTo(upstreamRequests);
	}

	@Test
	void aHeadOfACachedBlobIsAnsweredWithoutTheUpstream() {
		byte[] blob = randomBlob(300 * 1024, 3);
		String digest = cachedThroughA(blob);
		long upstreamRequests = registry.countRequests("", digest);

		HttpResponse<byte[]> response = gateway.head("/v2/team/a/blobs/" + digest);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(blob.length));
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
		assertThat(registry.countRequests("", digest)).isEqualTo(upstreamRequests);
	}

	@Test
	void aSingleRangeOfACachedBlobIs206FromTheFileAndAnUnsatisfiableOne416() {
		byte[] blob = randomBlob(200 * 1024, 4);
		String digest = cachedThroughA(blob);
		long upstreamRequests = registry.countRequests("", digest);

		HttpResponse<byte[]> partial = gateway.get("/v2/team/a/blobs/" + digest, "Range", "bytes=1000-1999");
		HttpResponse<byte[]> outside = gateway.get("/v2/team/a/blobs/" + digest, "Range", "bytes=" + blob.length + "-");
		HttpResponse<byte[]> several = gateway.get("/v2/team/a/blobs/" + digest, "Range", "bytes=0-9,20-29");

		assertThat(partial.statusCode()).isEqualTo(206);
		assertThat(partial.body()).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));
		assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + blob.length);
		assertThat(outside.statusCode()).isEqualTo(416);
		assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + blob.length);
		assertThat(several.statusCode()).isEqualTo(200);
		assertThat(several.body()).isEqualTo(blob);
		assertThat(registry.countRequests("", digest)).isEqualTo(upstreamRequests);
	}

	@Test
	void aBlobCachedThroughOneRepositoryIsNotServedThroughAnotherThatTheUpstreamSaysLacksIt() {
		byte[] blob = randomBlob(100 * 1024, 5);
		String digest = cachedThroughA(blob);

		HttpResponse<byte[]> get = gateway.get("/v2/team/b/blobs/" + digest);
		HttpResponse<byte[]> head = gateway.head("/v2/team/b/blobs/" + digest);

		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(new String(get.body())).contains("BLOB_UNKNOWN").doesNotContain(new String(blob, 0, 16));
		assertThat(get.body().length).isLessThan(blob.length);
		assertThat(head.statusCode()).isEqualTo(404);
		assertThat(registry.countRequests("GET", "/v2/team/b/blobs/" + digest)).isEqualTo(1);
	}

	@Test
	void aCachedBlobWhoseFileIsGoneIsFetchedAgain() throws IOException {
		byte[] blob = randomBlob(100 * 1024, 6);
		String digest = cachedThroughA(blob);
		Files.delete(cache.entryFile(digest));

		HttpResponse<byte[]> response = gateway.get("/v2/team/a/blobs/" + digest);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(blob);
		Poll.until("the registry logged the second GET", Duration.ofSeconds(10),
				() -> registry.countRequests("GET", "/blobs/" + digest) == 2);
	}

	private String cachedThroughA(byte[] blob) {
		String digest = pusher.pushBlob("team/a", blob);
		HttpResponse<byte[]> first = gateway.get("/v2/team/a/blobs/" + digest);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(upstreamGets(digest)).isEqualTo(1);
		// the entry is committed once the fill's last byte landed, just after the client's last byte
		Poll.until("the blob is cached", Duration.ofSeconds(10), () -> Files.exists(cache.entryFile(digest)));
		return digest;
	}

	/** The upstream's GETs of the blob, once its access log has them. */
	private static long upstreamGets(String digest) {
		Poll.until("the registry logged the blob's GET", Duration.ofSeconds(10),
				() -> registry.countRequests("GET", "/blobs/" + digest) >= 1);
		return registry.countRequests("GET", "/blobs/" + digest);
	}

	private static byte[] randomBlob(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
