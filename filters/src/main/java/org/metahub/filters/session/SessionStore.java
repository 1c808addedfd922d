package org.metahub.filters.session;

import reactor.core.publisher.Mono;

/**
 * Keeps sessions by token, until their expiry. Implementations key by {@link OpaqueTokens#fingerprint},
 * never by the token itself. A store that cannot be asked fails with
 * {@code OciError.SESSIONS_UNAVAILABLE}: the caller is refused, never waved through.
 */
public interface SessionStore {

	/** Keeps the session under the token until {@link Session#expiresAt()}. */
	Mono<Void> save(TokenKind kind, String token, Session session);

	/** The unexpired session of the token, or empty. */
	Mono<Session> find(TokenKind kind, String token);

}
