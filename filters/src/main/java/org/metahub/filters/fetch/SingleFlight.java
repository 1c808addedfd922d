package org.metahub.filters.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Collapses concurrent identical work into one execution whose result (or error) every caller
 * shares. The work keeps running when a caller cancels, so the others still get it; it is forgotten
 * once it ends, so later callers start afresh (and should find what it cached).
 */
public final class SingleFlight<K, V> {

	private final Map<K, Mono<V>> inFlight = new ConcurrentHashMap<>();

	private final Runnable onShared;

	public SingleFlight(Runnable onShared) {
		this.onShared = onShared;
	}

	public Mono<V> run(K key, Supplier<Mono<V>> work) {
		return Mono.defer(() -> {
			boolean[] started = { false };
			Mono<V> flight = inFlight.computeIfAbsent(key, k -> {
				started[0] = true;
				Mono<V>[] self = new Mono[1];
				// forgotten before the result reaches anyone, so a caller who reacts to it starts afresh
				self[0] = Mono.defer(work)
					.doOnTerminate(() -> inFlight.remove(k, self[0]))
					.doFinally(signal -> inFlight.remove(k, self[0]))
					.cache();
				return self[0];
			});
			if (!started[0]) {
				onShared.run();
			}
			return flight;
		});
	}

	/** Flights still running, for tests. */
	int inFlight() {
		return inFlight.size();
	}

}
