package org.metahub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling of failed logins ({@code metahub.login-throttle.*}), counted per login and client address
 * and per client address, in Redis when it is configured so that every replica sees the same counts.
 *
 * @param enabled whether failed logins are counted and throttled at all
 * @param window how long a failure counts; the count of a key starts again after its first failure's window
 * @param slowDownAfter failures of one login from one address after which every further attempt waits {@code slowDown}
 * @param slowDown how long an attempt waits before its password is checked, once {@code slowDownAfter} is reached
 * @param maxFailures failures of one login from one address after which its attempts get 429 until the window ends
 * @param maxAddressFailures failures of any login from one address after which its attempts get 429 until the window ends
 */
@ConfigurationProperties("metahub.login-throttle")
public record LoginThrottleProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("5m") Duration window,
		@DefaultValue("3") int slowDownAfter,
		@DefaultValue("1s") Duration slowDown,
		@DefaultValue("10") int maxFailures,
		@DefaultValue("100") int maxAddressFailures) {

	public LoginThrottleProperties {
		if (window.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("metahub.login-throttle.window must be at least 1s");
		}
		if (slowDown.isNegative()) {
			throw new IllegalArgumentException("metahub.login-throttle.slow-down must not be negative");
		}
		if (slowDownAfter < 0) {
			throw new IllegalArgumentException("metahub.login-throttle.slow-down-after must not be negative");
		}
		if (maxFailures < 1) {
			throw new IllegalArgumentException("metahub.login-throttle.max-failures must be at least 1");
		}
		if (maxAddressFailures < maxFailures) {
			throw new IllegalArgumentException(
					"metahub.login-throttle.max-address-failures must be at least metahub.login-throttle.max-failures");
		}
	}

}
