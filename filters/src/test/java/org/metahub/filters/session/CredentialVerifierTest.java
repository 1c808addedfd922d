package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialVerifierTest {

	private final MutableClock clock = new MutableClock();

	private final CountingEncoder encoder = new CountingEncoder();

	private final CredentialVerifier verifier = new CredentialVerifier(Fixtures.DIRECTORY, encoder,
			new CredentialCache(100, Duration.ofMinutes(5), clock));

	@Test
	void acceptsTheRightPasswordOffTheCallingThread() {
		StepVerifier.create(verifier.verify(new BasicCredentials("node-skylake", "skylake-secret")))
			.expectNext(Fixtures.SKYLAKE)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(encoder.threads).allMatch(name -> name.startsWith("boundedElastic"));
	}

	@Test
	void refusesAWrongPassword() {
		StepVerifier.create(verifier.verify(new BasicCredentials("node-skylake", "wrong")))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void runsADummyHashForAnUnknownLogin() {
		int before = encoder.threads.size();
		StepVerifier.create(verifier.verify(new BasicCredentials("nobody", "skylake-secret")))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(encoder.threads).hasSize(before + 1);
	}

	@Test
	void hashesOnceWhileTheCacheRemembersAndAgainAfterItsTtl() {
		BasicCredentials credentials = new BasicCredentials("node-skylake", "skylake-secret");
		verifier.verify(credentials).block();
		verifier.verify(credentials).block();
		assertThat(encoder.threads).hasSize(1);
		clock.advance(Duration.ofMinutes(5));
		assertThat(verifier.verify(credentials).block()).isEqualTo(Fixtures.SKYLAKE);
		assertThat(encoder.threads).hasSize(2);
	}

	@Test
	void doesNotCacheFailures() {
		BasicCredentials wrong = new BasicCredentials("node-broadwell", "wrong");
		verifier.verify(wrong).block();
		verifier.verify(wrong).block();
		assertThat(encoder.threads).hasSize(2);
	}

	/** The real delegating encoder, counting where and how often it checks a password. */
	private static final class CountingEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		private final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public String encode(CharSequence raw) {
			return delegate.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			threads.add(Thread.currentThread().getName());
			return delegate.matches(raw, encoded);
		}

	}

}
