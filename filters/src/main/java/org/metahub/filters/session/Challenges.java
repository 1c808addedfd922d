package org.metahub.filters.session;

import java.net.URI;

import org.metahub.config.SessionProperties;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Builds the 401 answers that send a client to the token endpoint:
 * {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."}.
 */
public class Challenges {

	/** The path of the gateway's own token endpoint. */
	public static final String TOKEN_PATH = "/token";

	/** The challenge of the token endpoint itself, which takes Basic credentials. */
	public static final String BASIC_CHALLENGE = "Basic realm=\"metahub\"";

	private final String service;

	private final URI configuredRealm;

	public Challenges(SessionProperties properties) {
		this.service = properties.service();
		this.configuredRealm = properties.realm();
	}

	public String service() {
		return service;
	}

	/**
	 * The configured realm, or the token endpoint at the scheme, host and port the client addressed
	 * (after forwarded headers were applied, if the server honours them).
	 */
	public String realm(ServerHttpRequest request) {
		if (configuredRealm != null) {
			return configuredRealm.toString();
		}
		URI uri = request.getURI();
		if (uri.getHost() == null) {
			// a registry-based authority, such as a host name with an underscore
			return uri.getScheme() + "://" + uri.getRawAuthority() + TOKEN_PATH;
		}
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + TOKEN_PATH;
	}

	/**
	 * A 401 with a Bearer challenge.
	 * @param scope the scope the request needs, or {@code null} for the base endpoint
	 * @param error {@code invalid_token} or {@code insufficient_scope}, or {@code null}
	 */
	public OciException unauthorized(ServerHttpRequest request, String scope, String error) {
		StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm(request))
			.append("\",service=\"").append(service).append('"');
		if (scope != null) {
			challenge.append(",scope=\"").append(scope).append('"');
		}
		if (error != null) {
			challenge.append(",error=\"").append(error).append('"');
		}
		String message = error == null ? "authentication required" : "authentication required: " + error;
		return OciError.UNAUTHORIZED.exception(message, scope).withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
	}

}
