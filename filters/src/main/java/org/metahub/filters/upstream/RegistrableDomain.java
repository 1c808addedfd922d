package org.metahub.filters.upstream;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Approximates a host's registrable domain without the public suffix list: the last two labels, or
 * three under a country code with a short second level such as {@code co.uk}. IP literals and
 * single-label hosts such as {@code localhost} stand for themselves, so they only ever match exactly.
 * The approximation errs on the strict side; {@code metahub.upstream.allowed-realms} covers the rest.
 */
final class RegistrableDomain {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final int SHORT_SECOND_LEVEL = 3;

	private RegistrableDomain() {
	}

	static String of(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		if (lower.startsWith("[") || lower.indexOf(':') >= 0 || IPV4.matcher(lower).matches()) {
			return lower;
		}
		String[] labels = lower.split("\\.");
		if (labels.length <= 2) {
			return lower;
		}
		String topLevel = labels[labels.length - 1];
		String secondLevel = labels[labels.length - 2];
		int keep = topLevel.length() == 2 && secondLevel.length() <= SHORT_SECOND_LEVEL ? 3 : 2;
		return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
	}

}
