package org.metahub.filters.observe;

import java.util.Locale;

import org.metahub.filters.oci.DistributionPath;

/** Names the kind of endpoint a request addressed, as a tag with few values. */
public final class RequestKind {

	/** The token endpoint's path. */
	public static final String TOKEN_PATH = "/token";

	private RequestKind() {
	}

	/**
	 * @param path the request path
	 * @param parsed the distribution path parsed for the request, or {@code null} when none was
	 */
	public static String of(String path, DistributionPath parsed) {
		if (parsed != null) {
			return parsed.kind().name().toLowerCase(Locale.ROOT);
		}
		if (path.equals(TOKEN_PATH) || path.startsWith(TOKEN_PATH + "/")) {
			return "token";
		}
		return "other";
	}

}
