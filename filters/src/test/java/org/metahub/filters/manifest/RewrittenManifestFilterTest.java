package org.metahub.filters.manifest;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metahub.filters.manifest.ManifestExchanges.SKYLAKE;
import static org.metahub.filters.manifest.ManifestExchanges.TIMEOUT;
import static org.metahub.filters.manifest.ManifestExchanges.body;
import static org.metahub.filters.manifest.ManifestExchanges.exchange;

class RewrittenManifestFilterTest {

	private static final List<String> DESCRIBING = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE,
			"Docker-Content-Digest", HttpHeaders.ETAG);

	private final InMemoryManifestStore store = new InMemoryManifestStore(10);

	private final IndexRewriter rewriter = new IndexRewriter(new ManifestListParser(), new FeatureMatcher());

	private final RewrittenManifestFilter filter = new RewrittenManifestFilter(store);

	private final AtomicBoolean chainCalled = new AtomicBoolean();

	private final GatewayFilterChain upstream = exchange -> {
		chainCalled.set(true);
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		return Mono.empty();
	};

	@Test
	void rewrittenListIsServedAgainByItsDigestOnGetAndHead() {
		RewrittenList rewritten = rewriter.rewrite(ListFixtures.dockerList(), MediaTypes.DOCKER_LIST,
				java.util.Set.of("cpu:skylake"));
		store.save(ManifestStore.qualified("docker.io", "team/app"), rewritten.digest(), StoredManifest.of(rewritten, null))
			.block(TIMEOUT);
		byte[] served = rewritten.bytes();
		String digest = rewritten.digest();
		assertThat(digest).isEqualTo(Digests.sha256(served));
		HttpHeaders byTag = new HttpHeaders();
		org.metahub.filters.oci.ContentHeaders.describe(byTag, served, MediaTypes.DOCKER_LIST, digest);

		MockServerWebExchange get = exchange(HttpMethod.GET, "/v2/team/app/manifests/" + digest, null);
		filter.filter(get, upstream).block(TIMEOUT);
		assertThat(chainCalled).isFalse();
		assertThat(get.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(body(get.getResponse())).isEqualTo(served);
		assertThat(get.<String>getAttribute(ExchangeAttributes.SERVED_DIGEST)).isEqualTo(digest);

		MockServerWebExchange head = exchange(HttpMethod.HEAD, "/v2/team/app/manifests/" + digest, null);
		filter.filter(head, upstream).block(TIMEOUT);
		assertThat(chainCalled).isFalse();
		assertThat(head.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(body(head.getResponse())).isEmpty();
		for (String header : DESCRIBING) {
			assertThat(get.getResponse().getHeaders().get(header)).as(header)
				.isEqualTo(byTag.get(header))
				.isEqualTo(head.getResponse().getHeaders().get(header));
		}
	}

	@Test
	void unknownDigestGoesUpstream() {
		MockServerWebExchange get = exchange(HttpMethod.GET, "/v2/team/app/manifests/sha256:" + "e".repeat(64), null);
		filter.filter(get, upstream).block(TIMEOUT);
		assertThat(chainCalled).isTrue();
		assertThat(get.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void digestStoredForAnotherRepositoryGoesUpstream() {
		String digest = Digests.sha256(new byte[] { 7 });
		store.save(ManifestStore.qualified("docker.io", "team/other"), digest,
				new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 7 })).block(TIMEOUT);
		filter.filter(exchange(HttpMethod.GET, "/v2/team/app/manifests/" + digest, null), upstream).block(TIMEOUT);
		assertThat(chainCalled).isTrue();
	}

	@Test
	void digestStoredForTheSameRepositoryOnAnotherUpstreamGoesUpstream() {
		String digest = Digests.sha256(new byte[] { 8 });
		store.save(ManifestStore.qualified("ghcr.io", "team/app"), digest,
				new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 8 })).block(TIMEOUT);
		filter.filter(exchange(HttpMethod.GET, "/v2/team/app/manifests/" + digest, null), upstream).block(TIMEOUT);
		assertThat(chainCalled).isTrue();
	}

	@Test
	void requestsByTagGoUpstream() {
		filter.filter(exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE), upstream).block(TIMEOUT);
		assertThat(chainCalled).isTrue();
	}

}
