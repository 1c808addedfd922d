package org.metahub.filters.session;

import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * The delegating password encoder for the formats machine types may use (see the config module's
 * PasswordFormat), with {@code {noop}} compared in constant time.
 */
public final class PasswordEncoders {

	static final String BCRYPT = "bcrypt";

	static final String NOOP = "noop";

	private PasswordEncoders() {
	}

	public static PasswordEncoder delegating() {
		return new DelegatingPasswordEncoder(BCRYPT, byId());
	}

	/** The encoder for each id, as {@link DelegatingPasswordEncoder} maps them. */
	static Map<String, PasswordEncoder> byId() {
		return Map.of(BCRYPT, new BCryptPasswordEncoder(), NOOP, new ConstantTimePlainPasswordEncoder(), "pbkdf2",
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5(), "pbkdf2@SpringSecurity_v5_8",
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
	}

}
