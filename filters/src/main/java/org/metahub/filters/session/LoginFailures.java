package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Counts login attempts per throttle key in fixed windows (Redis when configured, else in memory). An
 * attempt is counted before its password is checked, so that concurrent guesses cannot slip past the
 * limit, and taken back when the password was right. A store that cannot be asked fails with
 * {@code OciError.SESSIONS_UNAVAILABLE}: the login is refused, never waved through.
 */
public interface LoginFailures {

	/**
	 * Counts one attempt under each key, in one step; a key's window of {@code window} starts with its
	 * first attempt. The counts come in the order of the keys.
	 */
	Mono<List<AttemptCount>> count(List<String> keys, Duration window);

	/** Takes back one attempt from the key, while its window lasts. */
	Mono<Void> takeBack(String key);

	/** Forgets every attempt counted under the key. */
	Mono<Void> forget(String key);

}
