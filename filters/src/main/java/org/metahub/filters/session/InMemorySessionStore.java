package org.metahub.filters.session;

import java.time.Clock;

import reactor.core.publisher.Mono;

/** The in-memory twin of the Redis store, for a single gateway: bounded, expiring, lost on restart. */
public class InMemorySessionStore implements SessionStore {

	private final ExpiringMap<String, Session> sessions;

	public InMemorySessionStore(int maxSize, Clock clock) {
		this.sessions = new ExpiringMap<>(maxSize, clock);
	}

	@Override
	public Mono<Void> save(TokenKind kind, String token, Session session) {
		return Mono.fromRunnable(
				() -> sessions.put(kind.key(OpaqueTokens.fingerprint(token)), session, session.expiresAt()));
	}

	@Override
	public Mono<Session> find(TokenKind kind, String token) {
		return Mono.fromCallable(() -> sessions.get(kind.key(OpaqueTokens.fingerprint(token))).orElse(null));
	}

}
