package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ManifestStore} must do; run against the in-memory twin and Redis. */
abstract class ManifestStoreContractTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected abstract ManifestStore store();

	private final String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void findsWhatWasSavedWithIdenticalBytesAndMediaType() {
		byte[] bytes = "{\"schemaVersion\":2,\"manifests\":[]}\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
		String digest = Digests.sha256(bytes);
		StepVerifier.create(store().save(name, digest, new StoredManifest(MediaTypes.DOCKER_LIST, bytes)))
			.verifyComplete();
		StepVerifier.create(store().find(name, digest)).assertNext(found -> {
			assertThat(found.mediaType()).isEqualTo(MediaTypes.DOCKER_LIST);
			assertThat(found.bytes()).isEqualTo(bytes);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void unknownDigestIsEmpty() {
		StepVerifier.create(store().find(name, Digests.sha256(new byte[] { 1 }))).expectComplete().verify(TIMEOUT);
	}

	@Test
	void listsAreKeptPerRepositoryName() {
		byte[] bytes = "{\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
		String digest = Digests.sha256(bytes);
		store().save(name, digest, new StoredManifest(MediaTypes.OCI_INDEX, bytes)).block(TIMEOUT);
		StepVerifier.create(store().find(name + "-other", digest)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(store().find(name, digest)).expectNextCount(1).expectComplete().verify(TIMEOUT);
	}

	@Test
	void savingAgainReplacesTheEntry() {
		String digest = Digests.sha256(new byte[] { 2 });
		store().save(name, digest, new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 1 })).block(TIMEOUT);
		store().save(name, digest, new StoredManifest(MediaTypes.DOCKER_LIST, new byte[] { 2 })).block(TIMEOUT);
		StepVerifier.create(store().find(name, digest)).assertNext(found -> {
			assertThat(found.mediaType()).isEqualTo(MediaTypes.DOCKER_LIST);
			assertThat(found.bytes()).containsExactly(2);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void keepsTheUpstreamListAListWasRewrittenFrom() {
		String digest = Digests.sha256(new byte[] { 3 });
		String origin = Digests.sha256(new byte[] { 4 });
		store().save(name, digest, new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 3 }, origin)).block(TIMEOUT);
		StepVerifier.create(store().find(name, digest)).assertNext(found -> assertThat(found.origin()).isEqualTo(origin))
			.expectComplete().verify(TIMEOUT);
		store().save(name, digest, new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 3 })).block(TIMEOUT);
		StepVerifier.create(store().find(name, digest)).assertNext(found -> assertThat(found.origin()).isNull())
			.expectComplete().verify(TIMEOUT);
	}

}
