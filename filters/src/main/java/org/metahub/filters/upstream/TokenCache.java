package org.metahub.filters.upstream;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Keeps upstream tokens per scope until shortly before they expire, and shares a fetch in flight:
 * concurrent requests for the same scope cause one request to the token service. A failed fetch is
 * not kept, so the next request tries again.
 */
public class TokenCache {

	private final TokenClient client;

	private final Clock clock;

	private final Map<String, Slot> slots = new ConcurrentHashMap<>();

	public TokenCache(TokenClient client, Clock clock) {
		this.client = client;
		this.clock = clock;
	}

	public Mono<UpstreamToken> token(TokenRequest request) {
		return Mono.defer(() -> slots.compute(request.cacheKey(),
				(key, slot) -> slot != null && slot.isFresh() ? slot : new Slot(key, request)).shared);
	}

	/** Drops the token the upstream refused, unless a newer one has replaced it already. */
	public void invalidate(TokenRequest request, UpstreamToken refused) {
		slots.computeIfPresent(request.cacheKey(), (key, slot) -> slot.token == refused ? null : slot);
	}

	private final class Slot {

		private final Mono<UpstreamToken> shared;

		private volatile UpstreamToken token;

		Slot(String key, TokenRequest request) {
			this.shared = client.fetch(request)
				.doOnNext(fetched -> token = fetched)
				.doOnError(failure -> slots.remove(key, this))
				.cache();
		}

		// a slot still fetching is fresh: its callers share that fetch
		boolean isFresh() {
			UpstreamToken current = token;
			return current == null || clock.instant().isBefore(current.refreshAt());
		}

	}

}
