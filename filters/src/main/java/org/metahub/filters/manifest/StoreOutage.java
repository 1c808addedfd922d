package org.metahub.filters.manifest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Whether a shared store (Redis) is worth asking. After a failure it is left alone for a short while, then one
 * caller at a time tries it again, so a hung store costs one request its command timeout, not every request
 * each of its timeouts; the first answer ends the outage. One WARN when it starts, one INFO when it ends.
 */
public final class StoreOutage {

	/** How long callers skip the store after a failure: the longest it stays unused once it answers again. */
	public static final Duration RETRY_AFTER = Duration.ofMillis(500);

	private static final long ANSWERING = Long.MIN_VALUE;

	private final Log logger;

	private final String failingMessage;

	private final String recoveredMessage;

	private final AtomicLong failedAt = new AtomicLong(ANSWERING);

	public StoreOutage(Log logger, String failingMessage, String recoveredMessage) {
		this.logger = logger;
		this.failingMessage = failingMessage;
		this.recoveredMessage = recoveredMessage;
	}

	/** True while the store failed less than {@link #RETRY_AFTER} ago; after that, false for one caller. */
	public boolean skip() {
		long failed = failedAt.get();
		if (failed == ANSWERING) {
			return false;
		}
		long now = System.nanoTime();
		return now - failed < RETRY_AFTER.toNanos() || !failedAt.compareAndSet(failed, now);
	}

	public void failed(Throwable failure) {
		if (failedAt.getAndSet(System.nanoTime()) == ANSWERING) {
			logger.warn(failingMessage + ": " + failure);
		}
	}

	public void answered() {
		if (failedAt.getAndSet(ANSWERING) != ANSWERING) {
			logger.info(recoveredMessage);
		}
	}

}
