package org.metahub.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottlePropertiesTest {

	private static LoginThrottleProperties of(Duration window, int slowDownAfter, Duration slowDown, int max,
			int maxAddress) {
		return new LoginThrottleProperties(true, window, slowDownAfter, slowDown, max, maxAddress);
	}

	@Test
	void refusesLimitsThatCannotWorkNamingTheKey() {
		assertThatThrownBy(() -> of(Duration.ZERO, 3, Duration.ofSeconds(1), 10, 100))
			.hasMessageContaining("metahub.login-throttle.window");
		assertThatThrownBy(() -> of(Duration.ofMinutes(5), -1, Duration.ofSeconds(1), 10, 100))
			.hasMessageContaining("metahub.login-throttle.slow-down-after");
		assertThatThrownBy(() -> of(Duration.ofMinutes(5), 3, Duration.ofSeconds(-1), 10, 100))
			.hasMessageContaining("metahub.login-throttle.slow-down");
		assertThatThrownBy(() -> of(Duration.ofMinutes(5), 3, Duration.ofSeconds(1), 0, 100))
			.hasMessageContaining("metahub.login-throttle.max-failures");
		assertThatThrownBy(() -> of(Duration.ofMinutes(5), 3, Duration.ofSeconds(1), 10, 5))
			.hasMessageContaining("metahub.login-throttle.max-address-failures");
	}

}
