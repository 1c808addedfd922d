package org.metahub.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login sessions and the token endpoint ({@code metahub.session.*}).
 *
 * @param service service name announced in challenges and expected from token requests
 * @param tokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token issued for offline access
 * @param credentialCacheTtl how long a verified login and password are trusted without running the hash again
 * @param credentialCacheSize most verified credentials remembered at once
 * @param realm token endpoint URL announced in challenges; by default the gateway's own {@code /token} as the client addressed it
 */
@ConfigurationProperties("metahub.session")
public record SessionProperties(
		@DefaultValue("metahub") String service,
		@DefaultValue("15m") Duration tokenTtl,
		@DefaultValue("7d") Duration refreshTokenTtl,
		@DefaultValue("5m") Duration credentialCacheTtl,
		@DefaultValue("10000") int credentialCacheSize,
		URI realm) {

	public SessionProperties {
		if (tokenTtl.compareTo(Duration.ofSeconds(60)) < 0) {
			throw new IllegalArgumentException("metahub.session.token-ttl must be at least 60s, the token specification's minimum");
		}
		if (credentialCacheSize < 0) {
			throw new IllegalArgumentException("metahub.session.credential-cache-size must not be negative");
		}
		if (realm != null && (realm.getScheme() == null || realm.getHost() == null
				|| !(realm.getScheme().equals("http") || realm.getScheme().equals("https")))) {
			throw new IllegalArgumentException(
					"metahub.session.realm must be an absolute http or https URL, got '" + realm + "'");
		}
	}

}
