package org.metahub.filters.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} values (RFC 7235): several challenges per value, auth-params as
 * tokens or quoted strings with backslash escapes. Malformed input never throws: parsing stops at the
 * first broken challenge and returns the complete ones before it, so garbage yields an empty list.
 */
public final class ChallengeParser {

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private final String input;

	private int position;

	private ChallengeParser(String input) {
		this.input = input;
	}

	/** The challenges of all values of the header, in order. */
	public static List<Challenge> parse(List<String> headerValues) {
		List<Challenge> challenges = new ArrayList<>();
		for (String value : headerValues) {
			challenges.addAll(parse(value));
		}
		return challenges;
	}

	public static List<Challenge> parse(String headerValue) {
		return headerValue == null ? List.of() : new ChallengeParser(headerValue).challenges();
	}

	private List<Challenge> challenges() {
		List<Challenge> challenges = new ArrayList<>();
		while (true) {
			skipSeparators();
			if (atEnd()) {
				return challenges;
			}
			String scheme = token();
			if (scheme.isEmpty() || !atEnd() && !isWhitespace(current()) && current() != ',') {
				return challenges;
			}
			Map<String, String> parameters = parameters();
			if (parameters == null) {
				return challenges;
			}
			challenges.add(new Challenge(scheme, parameters));
		}
	}

	/** The auth-params up to the next challenge's scheme, or {@code null} when they are malformed. */
	private Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		while (true) {
			skipSeparators();
			int mark = position;
			String name = token();
			if (name.isEmpty()) {
				return atEnd() ? parameters : null;
			}
			skipWhitespace();
			if (atEnd() || current() != '=') {
				position = mark;
				return parameters;
			}
			position++;
			skipWhitespace();
			String value = !atEnd() && current() == '"' ? quotedString() : unquotedValue();
			if (value == null) {
				return null;
			}
			parameters.put(name.toLowerCase(Locale.ROOT), value);
		}
	}

	private String quotedString() {
		StringBuilder value = new StringBuilder();
		position++;
		while (!atEnd()) {
			char c = input.charAt(position++);
			if (c == '"') {
				return value.toString();
			}
			if (c == '\\') {
				if (atEnd()) {
					return null;
				}
				c = input.charAt(position++);
			}
			value.append(c);
		}
		return null;
	}

	// lenient: some registries send unquoted URLs, which are no RFC token
	private String unquotedValue() {
		int start = position;
		while (!atEnd() && current() != ',' && !isWhitespace(current()) && current() != '"') {
			position++;
		}
		return input.substring(start, position);
	}

	private String token() {
		int start = position;
		while (!atEnd() && isTokenChar(current())) {
			position++;
		}
		return input.substring(start, position);
	}

	private void skipSeparators() {
		while (!atEnd() && (isWhitespace(current()) || current() == ',')) {
			position++;
		}
	}

	private void skipWhitespace() {
		while (!atEnd() && isWhitespace(current())) {
			position++;
		}
	}

	private boolean atEnd() {
		return position >= input.length();
	}

	private char current() {
		return input.charAt(position);
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

	private static boolean isTokenChar(char c) {
		return c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
	}

}
