package org.metahub.filters.session;

import java.time.Instant;
import java.util.Set;

/**
 * What a token stands for.
 *
 * @param login the machine type's login
 * @param machineType the machine type's name
 * @param scopes granted scopes, normalised by {@link ScopePolicy}
 * @param expiresAt when the token stops being valid
 */
public record Session(String login, String machineType, Set<String> scopes, Instant expiresAt) {

	public Session {
		scopes = Set.copyOf(scopes);
	}

	public boolean allows(String scope) {
		return scopes.contains(scope);
	}

	public boolean isExpired(Instant now) {
		return !now.isBefore(expiresAt);
	}

}
