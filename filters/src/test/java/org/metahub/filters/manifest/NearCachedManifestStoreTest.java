package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.testing.Poll;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class NearCachedManifestStoreTest {

	private static final StoredManifest LIST = new StoredManifest("application/vnd.oci.image.index.v1+json",
			"{\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));

	private final CountingStore shared = new CountingStore();

	private final NearCachedManifestStore store = new NearCachedManifestStore(shared, 10);

	@Test
	void aListReadOnceIsServedFromMemoryAfterwards() {
		shared.delegate.save("team/app", "sha256:a", LIST).block(Duration.ofSeconds(5));

		for (int i = 0; i < 3; i++) {
			assertThat(store.find("team/app", "sha256:a").block(Duration.ofSeconds(5)).bytes()).isEqualTo(LIST.bytes());
		}

		assertThat(shared.finds).hasValue(1);
	}

	@Test
	void aSavedListReachesTheSharedStoreAndIsNotAskedForAgain() {
		store.save("team/app", "sha256:b", LIST).block(Duration.ofSeconds(5));

		assertThat(store.find("team/app", "sha256:b").block(Duration.ofSeconds(5)).bytes()).isEqualTo(LIST.bytes());
		assertThat(shared.delegate.find("team/app", "sha256:b").block(Duration.ofSeconds(5)).bytes()).isEqualTo(LIST.bytes());
		assertThat(shared.finds).hasValue(0);
	}

	@Test
	void anUnknownDigestIsAskedForEachTime() {
		assertThat(store.find("team/app", "sha256:c").block(Duration.ofSeconds(5))).isNull();
		assertThat(store.find("team/app", "sha256:c").block(Duration.ofSeconds(5))).isNull();

		assertThat(shared.finds).hasValue(2);
	}

	@Test
	void whileTheSharedStoreIsDownListsStayInMemoryAndReachItOnceItAnswers() {
		shared.down = true;
		store.save("team/app", "sha256:d", LIST).block(Duration.ofSeconds(5));
		assertThat(store.find("team/app", "sha256:d").block(Duration.ofSeconds(5)).bytes()).isEqualTo(LIST.bytes());
		assertThat(store.find("team/app", "sha256:unknown").block(Duration.ofSeconds(5))).isNull();

		shared.down = false;
		Poll.until("the list to reach the shared store", Duration.ofSeconds(10), () -> {
			store.find("team/app", "sha256:d").block(Duration.ofSeconds(5));
			return shared.delegate.find("team/app", "sha256:d").block(Duration.ofSeconds(5)) != null;
		});
	}

	/** Stands in for Redis, counting the round trips a near copy saves. */
	private static final class CountingStore implements ManifestStore {

		private final InMemoryManifestStore delegate = new InMemoryManifestStore(10);

		private final AtomicInteger finds = new AtomicInteger();

		private volatile boolean down;

		@Override
		public Mono<Void> save(String name, String digest, StoredManifest manifest) {
			return down ? unavailable() : delegate.save(name, digest, manifest);
		}

		@Override
		public Mono<StoredManifest> find(String name, String digest) {
			finds.incrementAndGet();
			return down ? unavailable() : delegate.find(name, digest);
		}

		private static <T> Mono<T> unavailable() {
			return Mono.error(OciError.MANIFEST_STORE_UNAVAILABLE.exception("down"));
		}

	}

}
