package org.metahub.filters.session;

import java.time.Duration;

/**
 * How many login attempts a throttle key has counted in its current window.
 *
 * @param attempts attempts counted so far, this one included
 * @param remaining how long until the window ends and the count starts again
 */
public record AttemptCount(long attempts, Duration remaining) {
}
