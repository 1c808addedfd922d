package org.metahub.filters.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** With a shared store, immutable entries are read from it once per replica; tags always ask it. */
class ManifestCacheNearCopyTest {

	private static final ManifestRequest REQUEST = ManifestRequest.of(
			URI.create("http://127.0.0.1:5000/v2/team/app/manifests/latest"), "team/app", "latest", null, null);

	private final CountingStore shared = new CountingStore();

	private final ManifestCache cache = new ManifestCache(shared, new InMemoryManifestCacheStore(10, 1 << 20),
			new ManifestCacheMetrics(new SimpleMeterRegistry()));

	@Test
	void rewritesAndDigestsAreAskedOfTheSharedStoreOnce() {
		shared.delegate.put("r:key", "sha256:abc".getBytes(StandardCharsets.US_ASCII)).block();

		for (int i = 0; i < 3; i++) {
			assertThat(cache.findRewritten("r:key").block(Duration.ofSeconds(5))).isEqualTo("sha256:abc");
		}

		assertThat(shared.gets).hasValue(1);
	}

	@Test
	void tagsAreAlwaysAskedOfTheSharedStore() {
		cache.findTag(REQUEST).block(Duration.ofSeconds(5));
		cache.findTag(REQUEST).block(Duration.ofSeconds(5));

		assertThat(shared.gets).hasValue(2);
	}

	/** Stands in for Redis, counting the round trips the near copy saves. */
	private static final class CountingStore implements ManifestCacheStore {

		private final InMemoryManifestCacheStore delegate = new InMemoryManifestCacheStore(10, 1 << 20);

		private final AtomicInteger gets = new AtomicInteger();

		@Override
		public Mono<byte[]> get(String key) {
			gets.incrementAndGet();
			return delegate.get(key);
		}

		@Override
		public Mono<Void> put(String key, byte[] value) {
			return delegate.put(key, value);
		}

	}

}
