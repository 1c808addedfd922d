package org.metahub.filters.blobcache;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.Supplier;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.fetch.SingleFlight;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers sha256 blob GETs and HEADs through the blob cache. A digest is served from the cache for an
 * (upstream, repository) only once that upstream confirmed the repository holds it; otherwise the
 * upstream is asked with a HEAD, and any answer but 200 goes on to the routing filter, which passes the
 * upstream's own answer through. A confirmed GET that is not cached streams from the one fill per
 * digest; a HEAD or a {@code Range} that is not cached passes through.
 */
public class BlobCacheFilter implements GlobalFilter, Ordered {

	private final BlobStore store;

	private final BlobFills fills;

	private final ConfirmedBlobs confirmed;

	private final BlobUpstreamClient upstreamClient;

	private final Scheduler blocking;

	private final BlobCacheMetrics metrics;

	/** Concurrent misses of one triple, with the same credentials, share the confirming HEAD. */
	private final SingleFlight<BlobRequest, BlobUpstreamClient.Head> heads = new SingleFlight<>(() -> {
	});

	/** @param blocking where the store's blocking look-ups run */
	public BlobCacheFilter(BlobStore store, BlobFills fills, ConfirmedBlobs confirmed, BlobUpstreamClient upstreamClient,
			Scheduler blocking) {
		this(store, fills, confirmed, upstreamClient, blocking, BlobCacheMetrics.unregistered(store));
	}

	public BlobCacheFilter(BlobStore store, BlobFills fills, ConfirmedBlobs confirmed, BlobUpstreamClient upstreamClient,
			Scheduler blocking, BlobCacheMetrics metrics) {
		this.store = store;
		this.fills = fills;
		this.confirmed = confirmed;
		this.upstreamClient = upstreamClient;
		this.blocking = blocking;
		this.metrics = metrics;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Optional<BlobRequest> request = request(exchange);
		if (request.isEmpty()) {
			return chain.filter(exchange);
		}
		return fromCache(exchange, request.get(), () -> askUpstream(exchange, chain, request.get()));
	}

	/**
	 * The same filter's first stage, before the upstream's credentials are chosen (which may ask the
	 * upstream): a blob cached and confirmed for its repository is served without the upstream, so also
	 * when the upstream is down.
	 */
	public GlobalFilter hits() {
		return new Hits();
	}

	private final class Hits implements GlobalFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			Optional<BlobRequest> request = request(exchange);
			if (request.isEmpty()) {
				return chain.filter(exchange);
			}
			return fromCache(exchange, request.get(), () -> chain.filter(exchange));
		}

		@Override
		public int getOrder() {
			return FilterOrder.BLOB_CACHE_HITS;
		}

	}

	private Mono<Void> fromCache(ServerWebExchange exchange, BlobRequest request, Supplier<Mono<Void>> otherwise) {
		if (!confirmed.isConfirmed(request.upstream(), request.repository(), request.digest())) {
			return otherwise.get();
		}
		return entry(request.digest()).flatMap(entry -> entry.isPresent() ? hit(exchange, entry.get()) : otherwise.get());
	}

	private static Optional<BlobRequest> request(ServerWebExchange exchange) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		HttpMethod method = exchange.getRequest().getMethod();
		if (path == null || path.kind() != DistributionPath.Kind.BLOB || upstream == null || url == null
				|| !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
			return Optional.empty();
		}
		return BlobDigest.parse(path.reference()).map(digest -> new BlobRequest(upstream.name(),
				upstreamRepository(url, path), digest, url, exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION),
				upstream.followRedirects()));
	}

	private record BlobRequest(String upstream, String repository, BlobDigest digest, URI url, String authorization,
			boolean followRedirects) {

		String source() {
			return upstream + "/" + repository;
		}

	}

	private Mono<Void> askUpstream(ServerWebExchange exchange, GatewayFilterChain chain, BlobRequest request) {
		return heads.run(request, () -> upstreamClient.head(request.url(), request.authorization(), request.followRedirects()))
			// a HEAD that failed (reset, timed out) leaves the request to the routing filter, as without the cache
			.onErrorResume(failure -> Mono.empty())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(answer -> {
				BlobUpstreamClient.Head head = answer.orElse(null);
				if (head == null || head.status() != HttpStatus.OK.value()) {
					return chain.filter(exchange);
				}
				return confirmedEntry(request).flatMap(entry -> entry.isPresent()
						? hit(exchange, entry.get()) : fill(exchange, chain, request, head.size()));
			});
	}

	private Mono<Void> hit(ServerWebExchange exchange, CachedBlob blob) {
		metrics.hit();
		return CachedBlobResponse.write(exchange, blob, metrics);
	}

	private Mono<Void> fill(ServerWebExchange exchange, GatewayFilterChain chain, BlobRequest request, long size) {
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())
				|| exchange.getRequest().getHeaders().containsHeader(HttpHeaders.RANGE)) {
			metrics.miss();
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		CachedBlobResponse.describe(response.getHeaders(), request.digest());
		if (size >= 0) {
			response.getHeaders().setContentLength(size);
		}
		return response.writeWith(fills.fetch(request.digest(), size, request.source(),
				() -> upstreamClient.get(request.url(), request.authorization(), request.followRedirects())));
	}

	/** Records the upstream's confirmation (on the disk too, so off the event loop), then looks the entry up. */
	private Mono<Optional<CachedBlob>> confirmedEntry(BlobRequest request) {
		return Mono.fromCallable(() -> {
			confirmed.confirm(request.upstream(), request.repository(), request.digest());
			return store.find(request.digest()).filter(BlobCacheFilter::readable);
		}).subscribeOn(blocking);
	}

	/** The entry, if its file can still be opened: one evicted since the look-up is a miss. */
	private Mono<Optional<CachedBlob>> entry(BlobDigest digest) {
		return Mono.fromCallable(() -> store.find(digest).filter(BlobCacheFilter::readable)).subscribeOn(blocking);
	}

	private static boolean readable(CachedBlob blob) {
		try (SeekableByteChannel channel = blob.open()) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	// the path of the upstream URL names the repository within the upstream: /v2/<name>/blobs/<digest>
	private static String upstreamRepository(URI url, DistributionPath path) {
		String upstreamPath = url.getRawPath();
		int end = upstreamPath.lastIndexOf("/blobs/");
		return end > 4 ? upstreamPath.substring(4, end) : path.name();
	}

	@Override
	public int getOrder() {
		return FilterOrder.BLOB_CACHE;
	}

}
