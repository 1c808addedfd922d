package org.metahub.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which failures are worth a WARN: the first of a kind, and then one a minute while it goes on; the others are
 * DEBUG lines. An upstream outage fails every request the same way, and one line says it as well as a thousand.
 */
final class RepeatedFailures {

	static final Duration WINDOW = Duration.ofMinutes(1);

	private static final int MAX_KINDS = 1_000;

	private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

	/** True for the first failure of its kind within {@link #WINDOW}. */
	boolean firstOf(String kind) {
		long now = System.nanoTime();
		if (lastWarned.size() > MAX_KINDS) {
			lastWarned.clear();
		}
		boolean[] first = new boolean[1];
		lastWarned.compute(kind, (key, warned) -> {
			first[0] = warned == null || now - warned >= WINDOW.toNanos();
			return first[0] ? now : warned;
		});
		return first[0];
	}

}
