package org.metahub.filters.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token endpoint's answer, readable by both the Docker token and the OAuth2 clients.
 *
 * @param token the access token
 * @param accessToken the same access token, under the OAuth2 name
 * @param expiresIn seconds until the access token expires
 * @param issuedAt when it was issued, RFC 3339
 * @param refreshToken a refresh token, only when offline access was asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
		@JsonProperty("token") String token,
		@JsonProperty("access_token") String accessToken,
		@JsonProperty("expires_in") long expiresIn,
		@JsonProperty("issued_at") String issuedAt,
		@JsonProperty("refresh_token") String refreshToken) {
}
