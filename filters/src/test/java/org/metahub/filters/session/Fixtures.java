package org.metahub.filters.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.metahub.config.LoginThrottleProperties;
import org.metahub.config.MachineType;
import org.metahub.config.TokenRequestProperties;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

/** Machine types the session tests log in with: one with a bcrypt hash, one with {noop}. */
final class Fixtures {

	static final MachineType SKYLAKE = new MachineType("skylake", "node-skylake",
			"{bcrypt}" + new BCryptPasswordEncoder(4).encode("skylake-secret"), List.of("cpu:skylake"));

	static final MachineType BROADWELL = new MachineType("broadwell", "node-broadwell", "{noop}broadwell-secret",
			List.of("cpu:broadwell"));

	static final MachineTypeDirectory DIRECTORY = new MachineTypeDirectory(List.of(SKYLAKE, BROADWELL));

	static final LoginThrottleProperties THROTTLE = new LoginThrottleProperties(true, Duration.ofMinutes(5), 3,
			Duration.ofSeconds(1), 10, 100);

	static final TokenRequestProperties LIMITS = new TokenRequestProperties(DataSize.ofKilobytes(32), 100, 512,
			DataSize.ofKilobytes(16));

	static final String ADDRESS = "192.0.2.1";

	/** The default throttle, counting in memory on the clock. */
	static LoginThrottle throttle(Clock clock) {
		return new LoginThrottle(new InMemoryLoginFailures(1000, clock), THROTTLE,
				new LoginMetrics(new SimpleMeterRegistry()), Schedulers.parallel());
	}

	/** A verifier of {@link #DIRECTORY} with the default throttle. */
	static CredentialVerifier verifier(PasswordEncoder encoder, Clock clock) {
		return new CredentialVerifier(DIRECTORY, encoder, new CredentialCache(100, Duration.ofMinutes(5), clock),
				throttle(clock));
	}

	private Fixtures() {
	}

}
