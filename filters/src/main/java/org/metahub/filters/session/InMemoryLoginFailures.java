package org.metahub.filters.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

/** The in-memory twin of {@link RedisLoginFailures}, for a single gateway: bounded, lost on restart. */
public class InMemoryLoginFailures implements LoginFailures {

	private final ExpiringMap<String, Window> windows;

	private final Clock clock;

	public InMemoryLoginFailures(int maxKeys, Clock clock) {
		this.windows = new ExpiringMap<>(maxKeys, clock);
		this.clock = clock;
	}

	@Override
	public Mono<List<AttemptCount>> count(List<String> keys, Duration window) {
		return Mono.fromCallable(() -> countNow(keys, window));
	}

	private synchronized List<AttemptCount> countNow(List<String> keys, Duration length) {
		Instant now = clock.instant();
		List<AttemptCount> counts = new ArrayList<>(keys.size());
		for (String key : keys) {
			Window window = windows.get(key).orElseGet(() -> new Window(0, now.plus(length))).plusOne();
			windows.put(key, window, window.endsAt());
			counts.add(new AttemptCount(window.attempts(), Duration.between(now, window.endsAt())));
		}
		return counts;
	}

	@Override
	public Mono<Void> takeBack(String key) {
		return Mono.fromRunnable(() -> takeBackNow(key));
	}

	private synchronized void takeBackNow(String key) {
		windows.get(key)
			.filter(window -> window.attempts() > 0)
			.ifPresent(window -> windows.put(key, new Window(window.attempts() - 1, window.endsAt()), window.endsAt()));
	}

	@Override
	public Mono<Void> forget(String key) {
		return Mono.fromRunnable(() -> forgetNow(key));
	}

	private synchronized void forgetNow(String key) {
		windows.get(key).ifPresent(window -> windows.put(key, new Window(0, window.endsAt()), window.endsAt()));
	}

	private record Window(long attempts, Instant endsAt) {

		Window plusOne() {
			return new Window(attempts + 1, endsAt);
		}

	}

}
