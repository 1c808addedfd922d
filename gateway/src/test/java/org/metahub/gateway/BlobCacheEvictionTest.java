package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under the smallest {@code max-size} (1 MB), blobs that together exceed it evict the least recently used
 * ones: an evicted blob is fetched again, and the bytes on disk never exceed the maximum.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlobCacheEvictionTest {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private static final long MAX_SIZE = 1024 * 1024;

	private static final int BLOB_SIZE = 300 * 1024;

	private static final int BLOBS = 6;

	private static final RegistryServer REGISTRY = TestServers.UPSTREAM;

	private static BlobCacheFolder cache;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> REGISTRY.url().toString());
		cache = BlobCacheFolder.enable(properties, "1MB");
	}

	@AfterAll
	static void removeCache() {
		cache.delete();
	}

	@Test
	void blobsBeyondTheMaximumEvictTheLeastRecentlyUsedAndTheDiskStaysWithinIt() {
		GatewayClient gateway = new GatewayClient(port);
		RegistryPusher pusher = RegistryPusher.to(REGISTRY);
		List<byte[]> blobs = new ArrayList<>();
		List<String> digests = new ArrayList<>();
		for (int i = 0; i < BLOBS; i++) {
			byte[] blob = new byte[BLOB_SIZE];
			new Random(100 + i).nextBytes(blob);
			blobs.add(blob);
			digests.add(pusher.pushBlob("team/evict", blob));
		}
		AtomicBoolean pulling = new AtomicBoolean(true);
		AtomicLong mostOnDisk = new AtomicLong();
		CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
			long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (pulling.get() && System.nanoTime() < end) {
				mostOnDisk.accumulateAndGet(cache.diskBytes(), Math::max);
			}
		});

		for (int i = 0; i < BLOBS; i++) {
			String digest = digests.get(i);
			assertThat(gateway.get(path(digest)).body()).isEqualTo(blobs.get(i));
			Poll.until("blob " + i + " is cached", DEADLINE, () -> Files.exists(cache.entryFile(digest)));
			assertThat(cache.diskBytes()).isLessThanOrEqualTo(MAX_SIZE);
		}
		HttpResponse<byte[]> evicted = gateway.get(path(digests.get(0)));
		HttpResponse<byte[]> kept = gateway.get(path(digests.get(BLOBS - 1)));
		pulling.set(false);
		watcher.join();

		// 1 MB holds three of the 300 KiB blobs: the oldest went first
		assertThat(evicted.body()).isEqualTo(blobs.get(0));
		assertThat(kept.body()).isEqualTo(blobs.get(BLOBS - 1));
		Poll.until("the registry logged the evicted blob's second GET", DEADLINE,
				() -> REGISTRY.countRequests("GET", "/blobs/" + digests.get(0)) == 2);
		assertThat(REGISTRY.countRequests("GET", "/blobs/" + digests.get(BLOBS - 1))).isEqualTo(1);
		assertThat(mostOnDisk.get()).isPositive().isLessThanOrEqualTo(MAX_SIZE);
	}

	private static String path(String digest) {
		return "/v2/team/evict/blobs/" + digest;
	}

}
