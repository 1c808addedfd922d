package org.metahub.filters.fetch;

import java.time.Clock;
import java.time.Duration;

import org.metahub.filters.oci.RegistryHeaders;
import org.metahub.filters.upstream.UnreachableUpstream;
import org.metahub.filters.upstream.UnreachableUpstreams;
import org.metahub.filters.upstream.UpstreamOutages;
import reactor.core.publisher.Mono;

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

	private final UnreachableUpstreams unreachable;

	/**
	 * @param unreachable names the upstream and its cause in the error of a failed fetch
	 * @param outages where failures are logged, once per outage
	 */
	public ManifestFetcher(UpstreamManifestClient client, ManifestCache cache, ManifestCacheMetrics metrics,
			Duration tagFreshness, Clock clock, UnreachableUpstreams unreachable, UpstreamOutages outages) {
		this.client = client;
		this.cache = cache;
		this.validator = new ManifestValidator();
		this.metrics = metrics;
		this.unreachable = unreachable;
		this.outages = outages;
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
				outages.failing(request.upstream(), answered(request, answer));
				return Mono.just(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.STALE));
			}
			outages.answered(request.upstream());
			if (answer.isOk() && entry.manifest().digest().equals(answer.headers().getFirst(RegistryHeaders.CONTENT_DIGEST))) {
				return cache.saveTag(request, entry.validated(clock.instant()))
					.thenReturn(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.REVALIDATED));
			}
			return get(request, entry);
		}).onErrorResume(UnreachableUpstream::isTransportFailure, failure -> {
			outages.failing(request.upstream(), unreachable.of(request.url()).describe(failure));
			return Mono.just(FetchOutcome.manifest(entry.manifest(), ManifestCacheMetrics.STALE));
		});
	}

	/** A GET upstream; {@code seen} is the tag's earlier entry, served stale when the upstream fails. */
	private Mono<FetchOutcome> get(ManifestRequest request, TagEntry seen) {
		return client.get(request.url(), request.authorization(), request.accept()).flatMap(answer -> {
			if (answer.isUpstreamFailure()) {
				outages.failing(request.upstream(), answered(request, answer));
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
		}).onErrorResume(UnreachableUpstream::isTransportFailure, failure -> {
			outages.failing(request.upstream(), unreachable.of(request.url()).describe(failure));
			if (seen != null) {
				return Mono.just(FetchOutcome.manifest(seen.manifest(), ManifestCacheMetrics.STALE));
			}
			return Mono.error(unreachable.of(request.url()).exception(failure));
		});
	}

	private boolean isFresh(TagEntry entry) {
		return clock.instant().isBefore(entry.validatedAt().plus(tagFreshness));
	}

	private String answered(ManifestRequest request, UpstreamAnswer answer) {
		UnreachableUpstream upstream = unreachable.of(request.url());
		return "upstream " + upstream.name() + " (" + upstream.url() + ") answered HTTP " + answer.status();
	}

}
