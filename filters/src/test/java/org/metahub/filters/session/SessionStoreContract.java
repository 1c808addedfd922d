package org.metahub.filters.session;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SessionStore} must do; one subclass per implementation. */
abstract class SessionStoreContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected final MutableClock clock = new MutableClock();

	/** A store on the test's clock. */
	protected abstract SessionStore store();

	private Session session(Duration ttl) {
		return new Session("qnib-type1", "type1", Set.of("repository:a:pull"), clock.instant().plus(ttl));
	}

	@Test
	void findsWhatWasSaved() {
		SessionStore store = store();
		String token = OpaqueTokens.newToken();
		Session session = session(Duration.ofMinutes(15));
		StepVerifier.create(store.save(TokenKind.ACCESS, token, session)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(store.find(TokenKind.ACCESS, token)).expectNext(session).expectComplete().verify(TIMEOUT);
	}

	@Test
	void findsNothingForAnUnknownToken() {
		StepVerifier.create(store().find(TokenKind.ACCESS, OpaqueTokens.newToken())).expectComplete().verify(TIMEOUT);
	}

	@Test
	void keepsAccessAndRefreshTokensApart() {
		SessionStore store = store();
		String token = OpaqueTokens.newToken();
		store.save(TokenKind.REFRESH, token, session(Duration.ofDays(7))).block(TIMEOUT);
		StepVerifier.create(store.find(TokenKind.ACCESS, token)).expectComplete().verify(TIMEOUT);
		StepVerifier.create(store.find(TokenKind.REFRESH, token)).expectNextCount(1).expectComplete().verify(TIMEOUT);
	}

	@Test
	void forgetsASessionOnceItExpires() {
		SessionStore store = store();
		String token = OpaqueTokens.newToken();
		store.save(TokenKind.ACCESS, token, session(Duration.ofMinutes(1))).block(TIMEOUT);
		clock.advance(Duration.ofSeconds(59));
		StepVerifier.create(store.find(TokenKind.ACCESS, token)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		clock.advance(Duration.ofSeconds(1));
		StepVerifier.create(store.find(TokenKind.ACCESS, token)).expectComplete().verify(TIMEOUT);
	}

	@Test
	void doesNotKeepASessionThatHasAlreadyExpired() {
		SessionStore store = store();
		String token = OpaqueTokens.newToken();
		StepVerifier.create(store.save(TokenKind.ACCESS, token, session(Duration.ofSeconds(-1))))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(store.find(TokenKind.ACCESS, token)).expectComplete().verify(TIMEOUT);
	}

	@Test
	void keepsTheScopesAndTheMachineType() {
		SessionStore store = store();
		String token = OpaqueTokens.newToken();
		Session session = new Session("login", "name", Set.of(), clock.instant().plusSeconds(60));
		store.save(TokenKind.ACCESS, token, session).block(TIMEOUT);
		Session found = store.find(TokenKind.ACCESS, token).block(TIMEOUT);
		assertThat(found).isNotNull();
		assertThat(found.scopes()).isEmpty();
		assertThat(found.machineType()).isEqualTo("name");
	}

}
