package org.metahub.filters.session;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStoreTest extends SessionStoreContract {

	@Override
	protected SessionStore store() {
		return new InMemorySessionStore(100, clock);
	}

	@Test
	void isBounded() {
		SessionStore store = new InMemorySessionStore(2, clock);
		String first = OpaqueTokens.newToken();
		for (String token : new String[] { first, OpaqueTokens.newToken(), OpaqueTokens.newToken() }) {
			store.save(TokenKind.ACCESS, token, new Session("l", "n", Set.of(), clock.instant().plusSeconds(60))).block();
		}
		assertThat(store.find(TokenKind.ACCESS, first).block()).isNull();
	}

}
