package org.metahub.filters.fetch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.oci.RegistryHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Answers manifest requests from the cache or the upstream. Digests are immutable: cached, never
 * asked again. Tags are served from the cache while fresh, then revalidated with a {@code HEAD};
 * when the upstream fails, a tag seen before is served stale. Concurrent identical requests share one
 * upstream fetch. Nothing the upstream sends is cached unless it passed the {@link ManifestValidator}.
 */
public class ManifestFetcher {

	private final UpstreamManifestClient client;

	private final ManifestCache cache;

	private final ManifestValidator validator;

	private final ManifestCacheMetrics metrics;

	private final UpstreamOutages outages;

	private final Duration tagFreshness;

	private final Clock clock;

	private final SingleFlight<String, FetchOutcome> flights;

	public ManifestFetcher(UpstreamManifestClient client, ManifestCache cache, ManifestCacheMetrics metrics,
			Duration tagFreshness, Clock clock) {
		this.client = client;
		this.cache = cache;
		this.validator = new ManifestValidator();
		this.metrics = metrics;
		this.outages = new UpstreamOutages();
		this.tagFreshness = tagFreshness;
		this.clock = clock;
		this.flights = new SingleFlight<>(metrics::shared);
	}

	public Mono<FetchOutcome> fetch(ManifestRequest request) {
		return cached(request)
			.switchIfEmpty(Mono.defer(() -> flights.run(request.flightKey(), () -> resolve(request))))
			.doOnNext(outcome -> metrics.result(outcome.result()));
	}

	// the fast path: fresh answers need no flight
	private Mono<FetchOutcome> cached(ManifestRequest request) {
		if (request.byDigest()) {
			return cache.findDigest(request, request.reference())
				.map(found -> FetchOutcome.manifest(found, ManifestCacheMetrics.HIT));
		}
		return cache.findFreshTag(request, this::isFresh)
			.map(entry -> FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.HIT));
	}

	// inside the flight the cache is asked again: an earlier flight may have filled it meanwhile
	private Mono<FetchOutcome> resolve(ManifestRequest request) {
		if (request.byDigest()) {
			return cached(request).switchIfEmpty(Mono.defer(() -> get(request, null)));
		}
		return cache.findTag(request)
			.flatMap(entry -> isFresh(entry) ? Mono.just(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.HIT))
					: revalidate(request, entry))
			.switchIfEmpty(Mono.defer(() -> get(request, null)));
	}

	private Mono<FetchOutcome> revalidate(ManifestRequest request, TagEntry entry) {
		return client.head(request.url(), request.authorization(), request.accept()).flatMap(answer -> {
			if (answer.isUpstreamFailure()) {
				outages.failing(request.upstream(), "HTTP " + answer.status());
				return Mono.just(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.STALE));
			}
			outages.answered(request.upstream());
			if (answer.isOk() && entry.manifest().digest().equals(answer.headers().getFirst(RegistryHeaders.CONTENT_DIGEST))) {
				return cache.saveTag(request, entry.validated(clock.instant()))
					.thenReturn(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.REVALIDATED));
			}
			return get(request, entry);
		}).onErrorResume(ManifestFetcher::isTransportFailure, failure -> {
			outages.failing(request.upstream(), failure.toString());
			return Mono.just(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.STALE));
		});
	}

	/** A GET upstream; {@code seen} is the tag's earlier entry, served stale when the upstream fails. */
	private Mono<FetchOutcome> get(ManifestRequest request, TagEntry seen) {
		return client.get(request.url(), request.authorization(), request.accept()).flatMap(answer -> {
			if (answer.isUpstreamFailure()) {
				outages.failing(request.upstream(), "HTTP " + answer.status());
				return Mono.just(seen != null ? FetchOutcome.manifest(seen.manifest(), ManifestCacheMetrics.STALE)
						: FetchOutcome.passThrough(answer));
			}
			outages.answered(request.upstream());
			if (!answer.isOk()) {
				return Mono.just(FetchOutcome.passThrough(answer));
			}
			CachedManifest manifest = validator.validate(request, answer);
			Mono<Void> saved = cache.saveDigest(request, manifest);
			if (!request.byDigest()) {
				saved = saved.then(cache.saveTag(request, new TagEntry(manifest, clock.instant())));
			}
			return saved.thenReturn(FetchOutcome.manifest(manifest, ManifestCacheMetrics.MISS));
		}).onErrorResume(ManifestFetcher::isTransportFailure, failure -> {
			outages.failing(request.upstream(), failure.toString());
			if (seen != null) {
				return Mono.just(FetchOutcome.manifest(seen.manifest(), ManifestCacheMetrics.STALE));
			}
			return Mono.error(isTimeout(failure)
					? OciError.UPSTREAM_TIMEOUT.exception("the upstream registry did not answer in time")
					: OciError.UPSTREAM_UNAVAILABLE.exception("the upstream registry cannot be reached"));
		});
	}

	private boolean isFresh(TagEntry entry) {
		return clock.instant().isBefore(entry.validatedAt().plus(tagFreshness));
	}

	static boolean isTransportFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OciException) {
				return false;
			}
			if (cause instanceof IOException || cause instanceof TimeoutException
					|| cause instanceof ConnectTimeoutException || cause instanceof ReadTimeoutException
					|| cause instanceof PrematureCloseException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
