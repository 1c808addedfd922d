package org.metahub.filters.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by asking again until a deadline, instead of sleeping a fixed time. */
public final class Poll {

	private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();

	private Poll() {
	}

	public static void until(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + timeout + " waiting for " + what);
			}
			LockSupport.parkNanos(PAUSE_NANOS);
		}
	}

}
