package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link LoginFailures} must do; one subclass per implementation. */
abstract class LoginFailuresContract {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final Duration WINDOW = Duration.ofMinutes(5);

	protected final MutableClock clock = new MutableClock();

	/** A store on the test's clock. */
	protected abstract LoginFailures failures();

	/** Lets the window of the key end. */
	protected abstract void endWindow(LoginFailures failures, String key, Duration window);

	private static long attempts(LoginFailures failures, String key, Duration window) {
		return failures.count(List.of(key), window).block(TIMEOUT).get(0).attempts();
	}

	@Test
	void countsEachKeyInOrderWithTheWindowLeft() {
		LoginFailures failures = failures();
		List<AttemptCount> first = failures.count(List.of("t:a", "t:b"), WINDOW).block(TIMEOUT);
		List<AttemptCount> second = failures.count(List.of("t:a", "t:c"), WINDOW).block(TIMEOUT);
		assertThat(first).extracting(AttemptCount::attempts).containsExactly(1L, 1L);
		assertThat(second).extracting(AttemptCount::attempts).containsExactly(2L, 1L);
		assertThat(second).allSatisfy(count -> assertThat(count.remaining()).isPositive().isLessThanOrEqualTo(WINDOW));
	}

	@Test
	void takesBackOneAttemptButNeverBelowNothing() {
		LoginFailures failures = failures();
		attempts(failures, "t:a", WINDOW);
		attempts(failures, "t:a", WINDOW);
		failures.takeBack("t:a").block(TIMEOUT);
		assertThat(attempts(failures, "t:a", WINDOW)).isEqualTo(2);
		failures.takeBack("t:a").block(TIMEOUT);
		failures.takeBack("t:a").block(TIMEOUT);
		failures.takeBack("t:a").block(TIMEOUT);
		failures.takeBack("t:unknown").block(TIMEOUT);
		assertThat(attempts(failures, "t:a", WINDOW)).isEqualTo(1);
		assertThat(attempts(failures, "t:unknown", WINDOW)).isEqualTo(1);
	}

	@Test
	void forgetsEveryAttemptOfAKey() {
		LoginFailures failures = failures();
		attempts(failures, "t:a", WINDOW);
		attempts(failures, "t:a", WINDOW);
		attempts(failures, "t:b", WINDOW);
		failures.forget("t:a").block(TIMEOUT);
		assertThat(attempts(failures, "t:a", WINDOW)).isEqualTo(1);
		assertThat(attempts(failures, "t:b", WINDOW)).isEqualTo(2);
	}

	@Test
	void startsCountingAgainOnceTheWindowEnds() {
		LoginFailures failures = failures();
		Duration window = Duration.ofSeconds(1);
		attempts(failures, "t:a", window);
		assertThat(attempts(failures, "t:a", window)).isEqualTo(2);
		endWindow(failures, "t:a", window);
		assertThat(attempts(failures, "t:a", window)).isEqualTo(1);
	}

}
