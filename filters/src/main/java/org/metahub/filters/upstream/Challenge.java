package org.metahub.filters.upstream;

import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header.
 *
 * @param scheme the authentication scheme as written, such as {@code Bearer}
 * @param parameters the auth-params, keys in lower case, values unquoted
 */
public record Challenge(String scheme, Map<String, String> parameters) {

	public Challenge {
		parameters = Map.copyOf(parameters);
	}

	public boolean isBearer() {
		return scheme.equalsIgnoreCase("Bearer");
	}

	public boolean isBasic() {
		return scheme.equalsIgnoreCase("Basic");
	}

	/** A parameter by its case-insensitive name, or {@code null}. */
	public String parameter(String name) {
		return parameters.get(name.toLowerCase(Locale.ROOT));
	}

	public String realm() {
		return parameter("realm");
	}

	public String service() {
		return parameter("service");
	}

	public String scope() {
		return parameter("scope");
	}

	public String error() {
		return parameter("error");
	}

}
