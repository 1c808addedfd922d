package org.metahub.filters.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.metahub.config.LoginThrottleProperties;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger checks = new AtomicInteger();

	private LoginThrottle throttle(LoginThrottleProperties limits) {
		return new LoginThrottle(new InMemoryLoginFailures(100, clock), limits, new LoginMetrics(meters),
				Schedulers.parallel());
	}

	private static LoginThrottleProperties limits(int slowDownAfter, Duration slowDown, int max, int maxAddress) {
		return new LoginThrottleProperties(true, Duration.ofMinutes(5), slowDownAfter, slowDown, max, maxAddress);
	}

	/** A password check that counts its runs and finds the password right or wrong. */
	private Mono<String> check(boolean right) {
		return Mono.fromCallable(() -> {
			checks.incrementAndGet();
			return right ? "type" : null;
		});
	}

	private String attempt(LoginThrottle throttle, String login, String address, boolean right) {
		return throttle.attempt(login, address, check(right)).block(TIMEOUT);
	}

	private static void assertThrottled(Mono<String> attempt, String retryAfter) {
		StepVerifier.create(attempt)
			.expectErrorSatisfies(error -> {
				OciException oci = (OciException) error;
				assertThat(oci.error()).isEqualTo(OciError.TOO_MANY_REQUESTS);
				assertThat(oci.error().code()).isEqualTo("TOOMANYREQUESTS");
				assertThat(oci.headers()).containsEntry("Retry-After", retryAfter);
			})
			.verify(TIMEOUT);
	}

	@Test
	void refusesWithRetryAfterOnceALoginFailedTooOftenFromAnAddressWithoutCheckingAgain() {
		LoginThrottle throttle = throttle(limits(10, Duration.ZERO, 3, 100));
		for (int i = 0; i < 3; i++) {
			assertThat(attempt(throttle, "node", "192.0.2.1", false)).isNull();
		}
		clock.advance(Duration.ofSeconds(100));
		assertThrottled(throttle.attempt("node", "192.0.2.1", check(true)), "200");
		assertThat(checks).hasValue(3);
		assertThat(meters.counter("metahub.logins.failed").count()).isEqualTo(3);
		assertThat(meters.counter("metahub.logins.throttled").count()).isEqualTo(1);
		clock.advance(Duration.ofSeconds(200));
		assertThat(attempt(throttle, "node", "192.0.2.1", true)).isEqualTo("type");
	}

	@Test
	void neverLocksOutTheRightPasswordFromAnotherAddress() {
		LoginThrottle throttle = throttle(limits(10, Duration.ZERO, 3, 100));
		for (int i = 0; i < 10; i++) {
			throttle.attempt("node", "192.0.2.1", check(false)).onErrorComplete().block(TIMEOUT);
		}
		assertThat(attempt(throttle, "node", "198.51.100.7", true)).isEqualTo("type");
		assertThat(attempt(throttle, "other", "192.0.2.1", true)).isEqualTo("type");
	}

	@Test
	void refusesAnAddressThatFailedTooOftenWhateverTheLogin() {
		LoginThrottle throttle = throttle(limits(10, Duration.ZERO, 3, 5));
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(throttle, "login-" + i, "192.0.2.1", false)).isNull();
		}
		assertThrottled(throttle.attempt("login-new", "192.0.2.1", check(true)), "300");
		assertThat(attempt(throttle, "login-new", "198.51.100.7", true)).isEqualTo("type");
	}

	@Test
	void aRightPasswordForgetsItsLoginsFailuresAndDoesNotCountForTheAddress() {
		LoginThrottle throttle = throttle(limits(10, Duration.ZERO, 3, 3));
		attempt(throttle, "node", "192.0.2.1", false);
		attempt(throttle, "node", "192.0.2.1", false);
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(throttle, "node", "192.0.2.1", true)).isEqualTo("type");
		}
		assertThat(attempt(throttle, "node", "192.0.2.1", false)).isNull();
		assertThrottled(throttle.attempt("node", "192.0.2.1", check(true)), "300");
	}

	@Test
	void slowsDownAttemptsAfterAFewFailuresBeforeCheckingThePassword() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		LoginThrottle throttle = new LoginThrottle(new InMemoryLoginFailures(100, clock),
				limits(2, Duration.ofSeconds(1), 10, 100), new LoginMetrics(meters), time);
		attempt(throttle, "node", "192.0.2.1", false);
		attempt(throttle, "node", "192.0.2.1", false);
		StepVerifier.withVirtualTime(() -> throttle.attempt("node", "192.0.2.1", check(true)), () -> time, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.then(() -> assertThat(checks).hasValue(2))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("type")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(checks).hasValue(3);
	}

	@Test
	void countsNothingWhenDisabled() {
		LoginThrottle throttle = throttle(new LoginThrottleProperties(false, Duration.ofMinutes(5), 1, Duration.ZERO, 1, 1));
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(throttle, "node", "192.0.2.1", false)).isNull();
		}
		assertThat(attempt(throttle, "node", "192.0.2.1", true)).isEqualTo("type");
		assertThat(meters.counter("metahub.logins.failed").count()).isEqualTo(5);
	}

}
