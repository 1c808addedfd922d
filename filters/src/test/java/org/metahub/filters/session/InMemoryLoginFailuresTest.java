package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryLoginFailuresTest extends LoginFailuresContract {

	@Override
	protected LoginFailures failures() {
		return new InMemoryLoginFailures(100, clock);
	}

	@Override
	protected void endWindow(LoginFailures failures, String key, Duration window) {
		clock.advance(window);
	}

	@Test
	void isBounded() {
		LoginFailures failures = new InMemoryLoginFailures(2, clock);
		for (String key : new String[] { "a", "b", "c" }) {
			failures.count(List.of(key), WINDOW).block(TIMEOUT);
		}
		assertThat(failures.count(List.of("a"), WINDOW).block(TIMEOUT).get(0).attempts()).isEqualTo(1);
	}

}
