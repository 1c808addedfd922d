package org.metahub.filters.observe;

import java.util.List;
import java.util.StringJoiner;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The path of a request as it may be logged: queries such as {@code /token?account=...&password=...}
 * can carry secrets, so only the pagination and namespace parameters are kept, still URL-encoded.
 */
public final class LoggedPath {

	private static final List<String> KEPT_PARAMETERS = List.of("n", "last", "ns");

	private LoggedPath() {
	}

	public static String of(ServerHttpRequest request) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		for (String name : KEPT_PARAMETERS) {
			List<String> values = request.getQueryParams().get(name);
			if (values != null) {
				values.forEach(value -> query.add(name + "=" + value));
			}
		}
		return request.getPath().value() + query;
	}

}
