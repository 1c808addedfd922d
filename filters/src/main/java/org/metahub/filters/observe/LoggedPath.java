package org.metahub.filters.observe;

import java.util.List;
import java.util.StringJoiner;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The path of a request as it may be logged: queries such as {@code /token?account=...&password=...}
 * can carry secrets, so only the pagination and namespace parameters are kept, as they arrived: URL-encoded,
 * so that no decoded control character reaches the log.
 */
public final class LoggedPath {

	private static final List<String> KEPT_PARAMETERS = List.of("n", "last", "ns");

	private LoggedPath() {
	}

	public static String of(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		if (query == null) {
			return request.getPath().value();
		}
		StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (KEPT_PARAMETERS.contains(equals < 0 ? pair : pair.substring(0, equals))) {
				kept.add(pair);
			}
		}
		return request.getPath().value() + kept;
	}

}
