package org.metahub.filters.session;

import java.util.List;

import org.metahub.filters.oci.OciError;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * A token request, from either form of the endpoint: {@code GET /token} with Basic credentials
 * (docker, podman, skopeo) or the OAuth2 form of {@code POST /token} (containerd).
 *
 * @param grant password or refresh token
 * @param credentials login and password for a password grant, else {@code null}
 * @param refreshToken the refresh token for a refresh grant, else {@code null}
 * @param service the service asked for, or {@code null}
 * @param scopes the requested scopes, possibly none (as {@code podman login} asks)
 * @param offline whether a refresh token was asked for
 */
public record TokenRequest(Grant grant, BasicCredentials credentials, String refreshToken, String service,
		List<String> scopes, boolean offline) {

	/** The kinds of grant the endpoint accepts. */
	public enum Grant {
		PASSWORD, REFRESH_TOKEN
	}

	public TokenRequest {
		scopes = List.copyOf(scopes);
	}

	/**
	 * The GET form: credentials from the Authorization header; {@code account} and {@code client_id}
	 * are informational and accepted.
	 * @param authorization the Authorization header, or {@code null} (answered with 401)
	 */
	public static TokenRequest fromQuery(String authorization, MultiValueMap<String, String> query) {
		if (authorization == null || authorization.isBlank()) {
			throw OciError.UNAUTHORIZED.exception("the token endpoint needs Basic credentials")
				.withHeader(HttpHeaders.WWW_AUTHENTICATE, Challenges.BASIC_CHALLENGE);
		}
		return new TokenRequest(Grant.PASSWORD, BasicCredentials.parse(authorization), null, query.getFirst("service"),
				scopes(query), "true".equalsIgnoreCase(query.getFirst("offline_token")));
	}

	/** The OAuth2 form of POST, with {@code grant_type} {@code password} or {@code refresh_token}. */
	public static TokenRequest fromForm(MultiValueMap<String, String> form) {
		String grantType = required(form, "grant_type");
		String service = form.getFirst("service");
		boolean offline = "offline".equalsIgnoreCase(form.getFirst("access_type"));
		return switch (grantType) {
			case "password" -> new TokenRequest(Grant.PASSWORD,
					new BasicCredentials(required(form, "username"), required(form, "password")), null, service,
					scopes(form), offline);
			case "refresh_token" -> new TokenRequest(Grant.REFRESH_TOKEN, null, required(form, "refresh_token"),
					service, scopes(form), true);
			default -> throw OciError.BAD_REQUEST
				.exception("unsupported grant_type: the gateway accepts password and refresh_token", grantType);
		};
	}

	private static List<String> scopes(MultiValueMap<String, String> parameters) {
		List<String> scopes = parameters.get("scope");
		return scopes == null ? List.of() : scopes.stream().filter(scope -> !scope.isBlank()).toList();
	}

	private static String required(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		if (value == null || value.isEmpty()) {
			throw OciError.BAD_REQUEST.exception("the token request lacks the field " + field, field);
		}
		return value;
	}

	@Override
	public String toString() {
		return "TokenRequest[grant=" + grant + ", service=" + service + ", scopes=" + scopes + ", offline=" + offline + "]";
	}

}
