package org.metahub.filters.fetch;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ManifestCacheStore} must do; run against the in-memory twin and Redis. */
abstract class ManifestCacheStoreContractTest {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected abstract ManifestCacheStore store();

	private final String key = "d:127.0.0.1:5000/team/app@" + UUID.randomUUID();

	@Test
	void findsWhatWasPutWithIdenticalBytes() {
		byte[] value = { 0, 10, (byte) 0xff, 'x' };
		StepVerifier.create(store().put(key, value)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(store().get(key)).assertNext(found -> assertThat(found).isEqualTo(value))
			.expectComplete().verify(TIMEOUT);
	}

	@Test
	void unknownKeyIsEmpty() {
		StepVerifier.create(store().get(key + "-unknown")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void puttingAgainReplacesTheValue() {
		store().put(key, new byte[] { 1 }).block(TIMEOUT);
		store().put(key, new byte[] { 2 }).block(TIMEOUT);
		assertThat(store().get(key).block(TIMEOUT)).containsExactly(2);
	}

	@Test
	void entriesOfTwoUpstreamsAreApart() {
		CachedManifest manifest = new CachedManifest("application/json", "sha256:1", new byte[] { 1 });
		ManifestCache cache = new ManifestCache(store(), new ManifestCacheMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
		ManifestRequest one = ManifestRequest.of(java.net.URI.create("http://a.example:5000/v2/x/manifests/sha256:1"), "x", "sha256:1", null, null);
		ManifestRequest other = ManifestRequest.of(java.net.URI.create("http://b.example:5000/v2/x/manifests/sha256:1"), "x", "sha256:1", null, null);
		cache.saveDigest(one, manifest).block(TIMEOUT);
		assertThat(cache.findDigest(one, "sha256:1").block(TIMEOUT).bytes()).containsExactly(1);
		assertThat(cache.findDigest(other, "sha256:1").block(TIMEOUT)).isNull();
	}

}
