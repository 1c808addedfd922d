package org.metahub.filters.upstream;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A token for one scope from one realm.
 *
 * @param realm the token service's URL from the challenge
 * @param service the challenge's {@code service}, or {@code null}
 * @param scope such as {@code repository:library/alpine:pull}, or {@code null} for none
 * @param authorization the Basic credentials to present, or {@code null} to ask anonymously
 */
public record TokenRequest(URI realm, String service, String scope, String authorization) {

	/** The realm with {@code service} and {@code scope} added to its query. */
	public URI uri() {
		StringBuilder uri = new StringBuilder(realm.toString());
		char separator = realm.getRawQuery() == null ? '?' : '&';
		if (service != null) {
			uri.append(separator).append("service=").append(encode(service));
			separator = '&';
		}
		if (scope != null) {
			uri.append(separator).append("scope=").append(encode(scope));
		}
		return URI.create(uri.toString());
	}

	/** What the cache tells tokens apart by; credentials are either always sent to a realm or never. */
	public String cacheKey() {
		return realm + " " + service + " " + scope;
	}

	@Override
	public String toString() {
		return "TokenRequest[" + uri() + (authorization == null ? ", anonymous]" : ", with credentials]");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
