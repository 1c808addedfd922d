package org.metahub.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a configured password is in Spring Security's delegating format with an encoder this
 * gateway can run; the others (argon2, scrypt) need libraries it does not ship.
 */
final class PasswordFormat {

	private static final Pattern DELEGATING_FORMAT = Pattern.compile("^\\{([^}]*)}(.+)$", Pattern.DOTALL);

	private static final Set<String> SUPPORTED = Set.of("bcrypt", "noop", "pbkdf2", "pbkdf2@SpringSecurity_v5_8");

	private PasswordFormat() {
	}

	/** Throws with a message naming {@code owner} unless the password is {@code {id}value} with a supported id. */
	static void check(String password, String owner) {
		Matcher matcher = password == null ? null : DELEGATING_FORMAT.matcher(password);
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException(owner + " must be in delegating format, such as {bcrypt}$2a$10$... "
					+ "(or {noop}secret for demos)");
		}
		if (!SUPPORTED.contains(matcher.group(1))) {
			throw new IllegalArgumentException(owner + " uses the unsupported encoder {" + matcher.group(1)
					+ "}: use one of " + String.join(", ", SUPPORTED.stream().sorted().toList()));
		}
	}

}
