package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestSelectionFilterTest {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final MachineType SKYLAKE = new MachineType("skylake", "skylake", "{noop}secret", List.of("cpu:skylake"));

	private final InMemoryManifestStore store = new InMemoryManifestStore(10);

	private final ManifestSelectionFilter filter = new ManifestSelectionFilter(
			new IndexRewriter(new ManifestListParser(), new FeatureMatcher()), store, 1024 * 1024);

	@Test
	void listByTagIsRewrittenStoredAndDescribed() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		byte[] upstream = ListFixtures.ociIndex();
		filter.filter(exchange, FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, upstream)).block(TIMEOUT);

		byte[] served = body(exchange.getResponse());
		RewrittenList expected = new IndexRewriter(new ManifestListParser(), new FeatureMatcher())
			.rewrite(upstream, MediaTypes.OCI_INDEX, Set.of("cpu:skylake"));
		assertThat(served).isEqualTo(expected.bytes());
		String digest = Digests.sha256(served);
		assertThat(digest).isNotEqualTo(Digests.sha256(upstream));
		assertDescribes(exchange.getResponse().getHeaders(), served, MediaTypes.OCI_INDEX, digest);
		assertThat(exchange.<String>getAttribute(ExchangeAttributes.SERVED_DIGEST)).isEqualTo(digest);
		assertThat(store.find("team/app", digest).block(TIMEOUT).bytes()).isEqualTo(served);
	}

	@Test
	void listWrittenWithFlushesIsRewrittenToo() {
		MachineType gpu = new MachineType("gpu", "gpu", "{noop}secret", List.of("cpu:skylake", "nvcap:8.0"));
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", gpu);
		filter.filter(exchange, FakeUpstream.answering(HttpStatus.OK, MediaTypes.DOCKER_LIST, ListFixtures.dockerList())
			.streaming()).block(TIMEOUT);
		byte[] served = body(exchange.getResponse());
		assertDescribes(exchange.getResponse().getHeaders(), served, MediaTypes.DOCKER_LIST, Digests.sha256(served));
		assertThat(new String(served, StandardCharsets.UTF_8)).doesNotContain(ListFixtures.BROADWELL)
			.contains(ListFixtures.SKYLAKE, ListFixtures.ARM);
	}

	@Test
	void headByTagGoesUpstreamAsGetAndIsDescribedLikeTheGet() {
		MockServerWebExchange get = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		filter.filter(get, FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, ListFixtures.ociIndex()))
			.block(TIMEOUT);
		MockServerWebExchange head = exchange(HttpMethod.HEAD, "/v2/team/app/manifests/latest", SKYLAKE);
		FakeUpstream upstream = FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, ListFixtures.ociIndex());
		filter.filter(head, upstream).block(TIMEOUT);

		assertThat(upstream.received.get().getRequest().getMethod()).isEqualTo(HttpMethod.GET);
		assertThat(head.getRequest().getMethod()).isEqualTo(HttpMethod.HEAD);
		for (String header : List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE, "Docker-Content-Digest",
				HttpHeaders.ETAG)) {
			assertThat(head.getResponse().getHeaders().get(header)).as(header)
				.isEqualTo(get.getResponse().getHeaders().get(header));
		}
	}

	@Test
	void singleManifestStreamsThroughUntouched() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		List<DataBuffer> written = new ArrayList<>();
		exchange.getResponse().setWriteHandler(body -> Flux.from(body).doOnNext(written::add).then());
		Sinks.Many<DataBuffer> upstreamBody = Sinks.many().unicast().onBackpressureBuffer();
		GatewayFilterChain chain = ex -> {
			ex.getResponse().setStatusCode(HttpStatus.OK);
			ex.getResponse().getHeaders().set(HttpHeaders.CONTENT_TYPE, MediaTypes.OCI_MANIFEST);
			ex.getResponse().getHeaders().set("Docker-Content-Digest", "sha256:upstream");
			return ex.getResponse().writeWith(upstreamBody.asFlux());
		};
		byte[] manifest = ListFixtures.singleManifest();
		DataBuffer first = DefaultDataBufferFactory.sharedInstance.wrap(manifest.clone());
		StepVerifier.create(filter.filter(exchange, chain))
			.then(() -> upstreamBody.tryEmitNext(first))
			.then(() -> assertThat(written).containsExactly(first))
			.then(upstreamBody::tryEmitComplete)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(exchange.getResponse().getHeaders().getFirst("Docker-Content-Digest")).isEqualTo("sha256:upstream");
		assertThat(exchange.<String>getAttribute(ExchangeAttributes.SERVED_DIGEST)).isNull();
	}

	@Test
	void errorsAndOtherStatusesPassThrough() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		byte[] notFound = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8);
		filter.filter(exchange, FakeUpstream.answering(HttpStatus.NOT_FOUND, MediaTypes.OCI_INDEX, notFound))
			.block(TIMEOUT);
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(body(exchange.getResponse())).isEqualTo(notFound);
	}

	@Test
	void listByDigestIsNeverRewritten() {
		String digest = Digests.sha256(ListFixtures.ociIndex());
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/" + digest, SKYLAKE);
		FakeUpstream upstream = FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, ListFixtures.ociIndex());
		filter.filter(exchange, upstream).block(TIMEOUT);
		assertThat(upstream.received.get()).isSameAs(exchange);
		assertThat(body(exchange.getResponse())).isEqualTo(ListFixtures.ociIndex());
		assertThat(exchange.getResponse().getHeaders().getFirst("Docker-Content-Digest")).isEqualTo("sha256:upstream");
	}

	@Test
	void withoutMachineTypeTheListPassesThrough() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", null);
		filter.filter(exchange, FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, ListFixtures.ociIndex()))
			.block(TIMEOUT);
		assertThat(body(exchange.getResponse())).isEqualTo(ListFixtures.ociIndex());
	}

	@Test
	void tooLargeListIsRefusedAndItsBuffersReleased() {
		ManifestSelectionFilter small = new ManifestSelectionFilter(
				new IndexRewriter(new ManifestListParser(), new FeatureMatcher()), store, 1024);
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		byte[] large = ("{\"manifests\":[],\"padding\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
		FakeUpstream upstream = FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, large);
		StepVerifier.create(small.filter(exchange, upstream))
			.expectErrorSatisfies(error -> assertOciError(error, OciError.MANIFEST_TOO_LARGE))
			.verify(TIMEOUT);
		assertThat(upstream.handedOut).isNotEmpty().allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
		assertThat(upstream.handedOut.size()).isLessThan(large.length / 100);
		assertThat(exchange.getResponse().isCommitted()).isFalse();
	}

	@Test
	void garbageWithAListContentTypeIsUpstreamInvalid() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", SKYLAKE);
		FakeUpstream upstream = FakeUpstream.answering(HttpStatus.OK, MediaTypes.DOCKER_LIST,
				"<html>not a list</html>".getBytes(StandardCharsets.UTF_8));
		StepVerifier.create(filter.filter(exchange, upstream))
			.expectErrorSatisfies(error -> assertOciError(error, OciError.UPSTREAM_INVALID))
			.verify(TIMEOUT);
		assertThat(upstream.handedOut).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
		assertThat(exchange.getResponse().isCommitted()).isFalse();
	}

	@Test
	void listThatFitsNoEntryIsManifestUnknown() {
		byte[] onlySkylake = ("{\"manifests\":[{\"digest\":\"" + ListFixtures.SKYLAKE
				+ "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\",\"features\":[\"cpu:skylake\"]}}]}")
			.getBytes(StandardCharsets.UTF_8);
		MachineType broadwell = new MachineType("broadwell", "broadwell", "{noop}secret", List.of("cpu:broadwell"));
		MockServerWebExchange exchange = exchange(HttpMethod.GET, "/v2/team/app/manifests/latest", broadwell);
		StepVerifier.create(filter.filter(exchange, FakeUpstream.answering(HttpStatus.OK, MediaTypes.OCI_INDEX, onlySkylake)))
			.expectErrorSatisfies(error -> assertOciError(error, OciError.MANIFEST_UNKNOWN))
			.verify(TIMEOUT);
	}

	static MockServerWebExchange exchange(HttpMethod method, String path, MachineType machineType) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH, DistributionPath.parse(path));
		if (machineType != null) {
			exchange.getAttributes().put(ExchangeAttributes.MACHINE_TYPE, machineType);
		}
		return exchange;
	}

	static byte[] body(MockServerHttpResponse response) {
		return DataBufferUtils.join(response.getBody()).map(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).block(TIMEOUT);
	}

	static void assertDescribes(HttpHeaders headers, byte[] body, String mediaType, String digest) {
		assertThat(headers.getContentLength()).isEqualTo(body.length);
		assertThat(headers.getContentType().toString()).isEqualTo(mediaType);
		assertThat(headers.getFirst("Docker-Content-Digest")).isEqualTo(digest);
		assertThat(headers.getETag()).isEqualTo("\"" + digest + "\"");
	}

	static void assertOciError(Throwable error, OciError expected) {
		assertThat(error).isInstanceOf(OciException.class);
		assertThat(((OciException) error).error()).isEqualTo(expected);
	}

}
