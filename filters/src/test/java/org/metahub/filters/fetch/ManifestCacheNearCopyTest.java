package org.metahub.filters.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** With a shared store, immutable entries are read from it once per replica, tags once per freshness. */
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
	void aFreshTagIsAskedOfTheSharedStoreOnce() {
		shared.delegate.put(REQUEST.tagKey(), tag(Instant.now()).encode()).block();

		for (int i = 0; i < 3; i++) {
			assertThat(cache.findFreshTag(REQUEST, entry -> true).block(Duration.ofSeconds(5))).isNotNull();
		}

		assertThat(shared.gets).hasValue(1);
	}

	@Test
	void aTagPastItsFreshnessIsAskedOfTheSharedStoreEveryTime() {
		shared.delegate.put(REQUEST.tagKey(), tag(Instant.now().minusSeconds(60)).encode()).block();
		Predicate<TagEntry> fresh = entry -> entry.validatedAt().isAfter(Instant.now().minusSeconds(30));

		assertThat(cache.findFreshTag(REQUEST, fresh).block(Duration.ofSeconds(5))).isNull();
		assertThat(cache.findFreshTag(REQUEST, fresh).block(Duration.ofSeconds(5))).isNull();

		assertThat(shared.gets).hasValue(2);
	}

	@Test
	void aTagRevalidatedByAnotherReplicaIsSeenOnceTheNearCopyIsStale() {
		Instant now = Instant.now();
		cache.saveTag(REQUEST, tag(now.minusSeconds(60))).block();
		shared.delegate.put(REQUEST.tagKey(), tag(now).encode()).block();
		Predicate<TagEntry> fresh = entry -> entry.validatedAt().isAfter(now.minusSeconds(30));

		TagEntry found = cache.findFreshTag(REQUEST, fresh).block(Duration.ofSeconds(5));

		assertThat(found.validatedAt()).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
		assertThat(shared.gets).hasValue(1);
	}

	@Test
	void aTagSavedHereIsServedFromTheNearCopy() {
		cache.saveTag(REQUEST, tag(Instant.now())).block();

		assertThat(cache.findFreshTag(REQUEST, entry -> true).block(Duration.ofSeconds(5))).isNotNull();
		assertThat(shared.gets).hasValue(0);
	}

	@Test
	void theFreshnessCheckStillReadsTheSharedStore() {
		cache.saveTag(REQUEST, tag(Instant.now())).block();

		cache.findTag(REQUEST).block(Duration.ofSeconds(5));

		assertThat(shared.gets).hasValue(1);
	}

	private static TagEntry tag(Instant validatedAt) {
		byte[] index = "{}".getBytes(StandardCharsets.UTF_8);
		return new TagEntry(new CachedManifest("application/vnd.oci.image.index.v1+json", Digests.sha256(index), index),
				validatedAt);
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
