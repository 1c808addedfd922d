package org.metahub.filters.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.metahub.config.MachineType;
import reactor.core.publisher.Mono;

/** Issues access tokens (and refresh tokens for offline access) and keeps their sessions in the store. */
public class TokenIssuer {

	private final SessionStore sessions;

	private final Duration tokenTtl;

	private final Duration refreshTokenTtl;

	private final Clock clock;

	public TokenIssuer(SessionStore sessions, Duration tokenTtl, Duration refreshTokenTtl, Clock clock) {
		this.sessions = sessions;
		this.tokenTtl = tokenTtl;
		this.refreshTokenTtl = refreshTokenTtl;
		this.clock = clock;
	}

	/** A new access token, and with {@code offline} a new refresh token too. */
	public Mono<TokenResponse> issue(MachineType type, Set<String> scopes, boolean offline) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		if (!offline) {
			return access(type, scopes, now, null);
		}
		String refreshToken = OpaqueTokens.newToken();
		Session grant = new Session(type.login(), type.name(), Set.of(), now.plus(refreshTokenTtl));
		return sessions.save(TokenKind.REFRESH, refreshToken, grant).then(access(type, scopes, now, refreshToken));
	}

	/** A new access token for a refresh token that is still valid; the refresh token stays the same. */
	public Mono<TokenResponse> refresh(MachineType type, String refreshToken, Set<String> scopes) {
		return access(type, scopes, clock.instant().truncatedTo(ChronoUnit.SECONDS), refreshToken);
	}

	private Mono<TokenResponse> access(MachineType type, Set<String> scopes, Instant now, String refreshToken) {
		String token = OpaqueTokens.newToken();
		Session session = new Session(type.login(), type.name(), scopes, now.plus(tokenTtl));
		return sessions.save(TokenKind.ACCESS, token, session)
			.thenReturn(new TokenResponse(token, token, tokenTtl.toSeconds(), now.toString(), refreshToken));
	}

}
