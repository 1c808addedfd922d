package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.metahub.config.TokenRequestProperties;
import org.metahub.filters.oci.OciError;

/**
 * Caps on the scopes of one token request (how many, how long each) and on the session they make, so
 * that a client cannot make the gateway parse, keep or store more than a real client ever asks for.
 */
public final class ScopeLimits {

	// what a stored session adds per scope beyond its text: JSON quotes and a comma
	private static final int BYTES_PER_SCOPE = 3;

	private final int maxScopes;

	private final int maxScopeLength;

	private final long maxSessionBytes;

	public ScopeLimits(TokenRequestProperties properties) {
		this.maxScopes = properties.maxScopes();
		this.maxScopeLength = properties.maxScopeLength();
		this.maxSessionBytes = properties.maxSessionSize().toBytes();
	}

	/** Fails with 400 when the request asks for too many scopes or one that is too long. */
	public void checkRequested(List<String> requested) {
		List<String> scopes = ScopePolicy.split(requested);
		if (scopes.size() > maxScopes) {
			throw OciError.BAD_REQUEST.exception("a token request may ask for at most " + maxScopes + " scopes");
		}
		for (String scope : scopes) {
			if (scope.length() > maxScopeLength) {
				throw OciError.BAD_REQUEST.exception("a scope may be at most " + maxScopeLength + " characters long");
			}
		}
	}

	/** Fails with 413 when the granted scopes would make a session larger than the gateway keeps. */
	public void checkGranted(Set<String> granted) {
		long bytes = 0;
		for (String scope : granted) {
			bytes += scope.getBytes(StandardCharsets.UTF_8).length + BYTES_PER_SCOPE;
		}
		if (bytes > maxSessionBytes) {
			throw OciError.TOKEN_REQUEST_TOO_LARGE.exception(
					"the scopes asked for make a session larger than the gateway keeps (" + maxSessionBytes + " bytes)");
		}
	}

}
