package org.metahub.filters.admin;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.metahub.config.AdminProperties;
import org.metahub.config.LoginThrottleProperties;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.session.InMemoryLoginFailures;
import org.metahub.filters.session.LoginMetrics;
import org.metahub.filters.session.LoginThrottle;
import org.metahub.filters.session.PasswordEncoders;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuthenticatorTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AdminAuthenticator authenticator = new AdminAuthenticator(new AdminProperties("admin", "{noop}s3cret"),
			PasswordEncoders.delegating(),
			new LoginThrottle(new InMemoryLoginFailures(100, Clock.systemUTC()),
					new LoginThrottleProperties(true, Duration.ofMinutes(5), 2, Duration.ZERO, 2, 100),
					new LoginMetrics(new SimpleMeterRegistry()), Schedulers.parallel()));

	private static String basic(String password) {
		return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes());
	}

	private void assertRefused(String authorization, String address, OciError error) {
		StepVerifier.create(authenticator.authenticate(authorization, address))
			.expectErrorSatisfies(failure -> assertThat(((OciException) failure).error()).isEqualTo(error))
			.verify(TIMEOUT);
	}

	@Test
	void throttlesGuessesAtTheAdministratorsPassword() {
		assertRefused(basic("guess-1"), "192.0.2.1", OciError.UNAUTHORIZED);
		assertRefused(basic("guess-2"), "192.0.2.1", OciError.UNAUTHORIZED);
		assertRefused(basic("s3cret"), "192.0.2.1", OciError.TOO_MANY_REQUESTS);
		StepVerifier.create(authenticator.authenticate(basic("s3cret"), "198.51.100.7")).expectComplete().verify(TIMEOUT);
	}

}
