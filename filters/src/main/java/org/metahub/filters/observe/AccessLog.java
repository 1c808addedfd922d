package org.metahub.filters.observe;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes one line of {@code key=value} pairs per finished request to the {@code metahub.access}
 * logger at INFO. The line holds no headers, so neither credentials nor tokens can reach it.
 */
public class AccessLog {

	/** The logger's name, to route or silence access lines separately. */
	public static final String LOGGER_NAME = "metahub.access";

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	public void log(CompletedRequest request) {
		if (logger.isInfoEnabled()) {
			logger.info(format(request));
		}
	}

	static String format(CompletedRequest request) {
		StringBuilder line = new StringBuilder(160);
		append(line, "method", request.method());
		append(line, "path", request.path());
		append(line, "status", String.valueOf(request.status()));
		append(line, "bytes", String.valueOf(request.bytesSent()));
		append(line, "duration_ms", String.valueOf(Duration.ofNanos(request.durationNanos()).toMillis()));
		append(line, "kind", request.kind());
		append(line, "machine_type", request.machineType());
		append(line, "digest", request.servedDigest() == null ? "-" : request.servedDigest());
		if (request.aborted()) {
			append(line, "aborted", "true");
		}
		return line.toString();
	}

	private static void append(StringBuilder line, String key, String value) {
		if (!line.isEmpty()) {
			line.append(' ');
		}
		line.append(key).append('=');
		if (isPlain(value)) {
			line.append(value);
		}
		else {
			line.append('"');
			for (int i = 0; i < value.length(); i++) {
				appendEscaped(line, value.charAt(i));
			}
			line.append('"');
		}
	}

	// control characters (ESC, backspace, NUL...) as JSON-style unicode escapes: a value never moves a terminal's cursor
	private static void appendEscaped(StringBuilder line, char c) {
		switch (c) {
			case '\\' -> line.append("\\\\");
			case '"' -> line.append("\\\"");
			case '\n' -> line.append("\\n");
			case '\r' -> line.append("\\r");
			case '\t' -> line.append("\\t");
			default -> {
				if (Character.isISOControl(c)) {
					line.append(String.format("\\u%04x", (int) c));
				}
				else {
					line.append(c);
				}
			}
		}
	}

	// not empty, no white space, control character, quote or backslash; a loop rather than a regex, as it runs per
	// field per request
	private static boolean isPlain(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
				return false;
			}
		}
		return true;
	}

}
