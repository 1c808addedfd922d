package org.metahub.filters.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code metahub.logins.failed} (password checks that found a wrong password or an unknown login) and
 * {@code metahub.logins.throttled} (attempts refused with 429 before any check).
 */
public class LoginMetrics {

	private final Counter failed;

	private final Counter throttled;

	public LoginMetrics(MeterRegistry registry) {
		this.failed = Counter.builder("metahub.logins.failed")
			.description("Password checks that found a wrong password or an unknown login")
			.register(registry);
		this.throttled = Counter.builder("metahub.logins.throttled")
			.description("Login attempts refused with 429 after too many failures, without checking the password")
			.register(registry);
	}

	void failed() {
		failed.increment();
	}

	void throttled() {
		throttled.increment();
	}

}
