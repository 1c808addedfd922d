package org.metahub.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Caps on what a client sends to {@code /token} ({@code metahub.token-request.*}); real clients ask for
 * one or a few scopes in a form of a few hundred bytes.
 *
 * @param maxFormSize largest {@code POST /token} form read; a larger one gets 413
 * @param maxScopes most scopes one token request may ask for (space-separated ones counted one by one); more get 400
 * @param maxScopeLength longest single scope, in characters; a longer one gets 400
 * @param maxSessionSize largest session kept for one token (its granted scopes, as stored); a larger one gets 413
 */
@ConfigurationProperties("metahub.token-request")
public record TokenRequestProperties(
		@DefaultValue("32KB") DataSize maxFormSize,
		@DefaultValue("100") int maxScopes,
		@DefaultValue("512") int maxScopeLength,
		@DefaultValue("16KB") DataSize maxSessionSize) {

	public TokenRequestProperties {
		if (maxFormSize.toBytes() < 1024 || maxFormSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("metahub.token-request.max-form-size must be between 1KB and 2GB");
		}
		if (maxScopes < 1) {
			throw new IllegalArgumentException("metahub.token-request.max-scopes must be at least 1");
		}
		if (maxScopeLength < 64) {
			throw new IllegalArgumentException("metahub.token-request.max-scope-length must be at least 64");
		}
		if (maxSessionSize.toBytes() < 1024 || maxSessionSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("metahub.token-request.max-session-size must be between 1KB and 2GB");
		}
	}

}
