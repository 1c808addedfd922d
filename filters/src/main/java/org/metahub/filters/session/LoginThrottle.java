package org.metahub.filters.session;

import java.util.List;

import org.metahub.config.LoginThrottleProperties;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;

/**
 * Slows down and then refuses password checks after failures: per login and client address, and per
 * client address whatever the login. There is no limit per login alone, so that guesses from one
 * address never lock out the right password from another. An attempt over a limit gets 429 with
 * {@code Retry-After} and never runs the hash.
 */
public class LoginThrottle {

	private static final String KEY_PREFIX = "metahub:login-failures:";

	private final LoginFailures failures;

	private final LoginThrottleProperties limits;

	private final LoginMetrics metrics;

	private final Scheduler timer;

	public LoginThrottle(LoginFailures failures, LoginThrottleProperties limits, LoginMetrics metrics, Scheduler timer) {
		this.failures = failures;
		this.limits = limits;
		this.metrics = metrics;
		this.timer = timer;
	}

	/**
	 * Runs {@code check} (which emits on a right password and completes empty on a wrong one) unless
	 * the login or the address has failed too often, after the slow-down once it has failed a few times.
	 */
	public <T> Mono<T> attempt(String login, String clientAddress, Mono<T> check) {
		if (!limits.enabled()) {
			return check.switchIfEmpty(Mono.fromRunnable(metrics::failed));
		}
		String addressKey = KEY_PREFIX + "{" + clientAddress + "}";
		// logins are whatever a client sends: a digest keeps keys short and never puts the text in Redis
		String loginKey = addressKey + ":" + OpaqueTokens.fingerprint(login);
		return failures.count(List.of(loginKey, addressKey), limits.window()).flatMap(counts -> {
			AttemptCount forLogin = counts.get(0);
			AttemptCount forAddress = counts.get(1);
			if (forLogin.attempts() > limits.maxFailures() || forAddress.attempts() > limits.maxAddressFailures()) {
				metrics.throttled();
				return Mono.error(tooMany(forLogin.attempts() > limits.maxFailures() ? forLogin : forAddress));
			}
			Mono<T> checked = forLogin.attempts() > limits.slowDownAfter() && !limits.slowDown().isZero()
					? Mono.delay(limits.slowDown(), timer).then(check) : check;
			return checked
				.flatMap(value -> Mono.when(failures.forget(loginKey), failures.takeBack(addressKey)).thenReturn(value))
				.switchIfEmpty(Mono.fromRunnable(metrics::failed));
		});
	}

	private static OciException tooMany(AttemptCount count) {
		long seconds = Math.max(1, (count.remaining().toMillis() + 999) / 1000);
		return OciError.TOO_MANY_REQUESTS
			.exception("too many failed logins: try again in " + seconds + " s")
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

}
