package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.metahub.config.LoginThrottleProperties;
import org.metahub.config.MachineType;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialVerifierTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final CountingEncoder encoder = new CountingEncoder();

	private final CredentialVerifier verifier = Fixtures.verifier(encoder, clock);

	private static MachineType bcrypt(String login, int cost) {
		return new MachineType(login, login, "{bcrypt}" + new BCryptPasswordEncoder(cost).encode("secret"), List.of());
	}

	private CredentialVerifier verifier(MachineType... types) {
		return new CredentialVerifier(new MachineTypeDirectory(List.of(types)), encoder,
				new CredentialCache(100, Duration.ofMinutes(5), clock), Fixtures.throttle(clock));
	}

	private MachineType verify(CredentialVerifier verifier, String login, String password) {
		return verifier.verify(new BasicCredentials(login, password), Fixtures.ADDRESS).block(TIMEOUT);
	}

	@Test
	void acceptsTheRightPasswordOffTheCallingThread() {
		StepVerifier.create(verifier.verify(new BasicCredentials("node-skylake", "skylake-secret"), Fixtures.ADDRESS))
			.expectNext(Fixtures.SKYLAKE)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(encoder.threads).allMatch(name -> name.startsWith("boundedElastic"));
	}

	@Test
	void refusesAWrongPassword() {
		assertThat(verify(verifier, "node-skylake", "wrong")).isNull();
		assertThat(verify(verifier, "node-broadwell", "broadwell-secreT")).isNull();
		assertThat(verify(verifier, "node-broadwell", "broadwell-secret")).isEqualTo(Fixtures.BROADWELL);
	}

	@Test
	void checksAnUnknownLoginAgainstAHashOfTheConfiguredAlgorithmAndCost() {
		CredentialVerifier costly = verifier(bcrypt("node-a", 5));
		assertThat(verify(costly, "node-a", "wrong")).isNull();
		assertThat(verify(costly, "nobody", "secret")).isNull();
		assertThat(encoder.kinds).containsExactly("{bcrypt}$2a$05$", "{bcrypt}$2a$05$");
	}

	@Test
	void checksAnUnknownLoginLikeAPlainPasswordWhenOnlyPlainPasswordsAreConfigured() {
		CredentialVerifier plain = verifier(Fixtures.BROADWELL);
		assertThat(verify(plain, "node-broadwell", "wrong")).isNull();
		assertThat(verify(plain, "nobody", "wrong")).isNull();
		assertThat(encoder.kinds).containsExactly("{noop}", "{noop}");
	}

	@Test
	void givesEachUnknownLoginOneOfTheConfiguredKindsAndAlwaysTheSame() {
		CredentialVerifier mixed = verifier(bcrypt("node-a", 4), Fixtures.BROADWELL);
		List<String> logins = IntStream.range(0, 40).mapToObj(i -> "nobody-" + i).toList();
		logins.forEach(login -> verify(mixed, login, "x"));
		List<String> first = List.copyOf(encoder.kinds);
		encoder.kinds.clear();
		logins.forEach(login -> verify(mixed, login, "y"));
		assertThat(encoder.kinds).isEqualTo(first);
		assertThat(Set.copyOf(first)).containsExactlyInAnyOrder("{bcrypt}$2a$04$", "{noop}");
	}

	@Test
	void hashesOnceWhileTheCacheRemembersAndAgainAfterItsTtl() {
		BasicCredentials credentials = new BasicCredentials("node-skylake", "skylake-secret");
		verifier.verify(credentials, Fixtures.ADDRESS).block();
		verifier.verify(credentials, Fixtures.ADDRESS).block();
		assertThat(encoder.threads).hasSize(1);
		clock.advance(Duration.ofMinutes(5));
		assertThat(verifier.verify(credentials, Fixtures.ADDRESS).block()).isEqualTo(Fixtures.SKYLAKE);
		assertThat(encoder.threads).hasSize(2);
	}

	@Test
	void doesNotCacheFailures() {
		assertThat(verify(verifier, "node-broadwell", "wrong")).isNull();
		assertThat(verify(verifier, "node-broadwell", "wrong")).isNull();
		assertThat(encoder.threads).hasSize(2);
	}

	@Test
	void aThrottledAttemptRunsNoHashAndAnotherAddressStillLogsIn() {
		LoginThrottle strict = new LoginThrottle(new InMemoryLoginFailures(100, clock),
				new LoginThrottleProperties(true, Duration.ofMinutes(5), 2, Duration.ZERO, 2, 100),
				new LoginMetrics(new SimpleMeterRegistry()), Schedulers.parallel());
		CredentialVerifier throttled = new CredentialVerifier(Fixtures.DIRECTORY, encoder,
				new CredentialCache(100, Duration.ofMinutes(5), clock), strict);
		assertThat(verify(throttled, "node-skylake", "wrong")).isNull();
		assertThat(verify(throttled, "node-skylake", "wrong")).isNull();
		StepVerifier.create(throttled.verify(new BasicCredentials("node-skylake", "skylake-secret"), Fixtures.ADDRESS))
			.expectErrorSatisfies(error -> assertThat(((OciException) error).error()).isEqualTo(OciError.TOO_MANY_REQUESTS))
			.verify(TIMEOUT);
		assertThat(encoder.threads).hasSize(2);
		assertThat(throttled.verify(new BasicCredentials("node-skylake", "skylake-secret"), "198.51.100.7").block(TIMEOUT))
			.isEqualTo(Fixtures.SKYLAKE);
	}

	@Test
	void identicalCredentialsCheckedAtOnceAreOneAttempt() {
		LoginThrottle strict = new LoginThrottle(new InMemoryLoginFailures(100, clock),
				new LoginThrottleProperties(true, Duration.ofMinutes(5), 2, Duration.ZERO, 2, 100),
				new LoginMetrics(new SimpleMeterRegistry()), Schedulers.parallel());
		CredentialVerifier fleet = new CredentialVerifier(new MachineTypeDirectory(List.of(bcrypt("node", 10))), encoder,
				new CredentialCache(100, Duration.ofMinutes(5), clock), strict);
		BasicCredentials node = new BasicCredentials("node", "secret");

		List<MachineType> types = Flux.range(0, 50)
			.flatMap(i -> fleet.verify(node, Fixtures.ADDRESS), 50)
			.collectList()
			.block(TIMEOUT);

		assertThat(types).hasSize(50).allMatch(type -> type.name().equals("node"));
		assertThat(encoder.threads).hasSize(1);
	}

	/** The real delegating encoder, recording where it checks a password and against which kind of hash. */
	private static final class CountingEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoders.delegating();

		private final List<String> threads = new CopyOnWriteArrayList<>();

		private final List<String> kinds = new CopyOnWriteArrayList<>();

		@Override
		public String encode(CharSequence raw) {
			return delegate.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			threads.add(Thread.currentThread().getName());
			kinds.add(DummyHashes.kind(encoded));
			return delegate.matches(raw, encoded);
		}

	}

}
