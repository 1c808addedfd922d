package org.metahub.filters.session;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordEncodersTest {

	private final PasswordEncoder encoder = PasswordEncoders.delegating();

	@Test
	void comparesPlainPasswordsWholeWhateverTheirLength() {
		assertThat(encoder.matches("secret", "{noop}secret")).isTrue();
		assertThat(encoder.matches("secre", "{noop}secret")).isFalse();
		assertThat(encoder.matches("secret!", "{noop}secret")).isFalse();
		assertThat(encoder.matches("", "{noop}secret")).isFalse();
		assertThat(encoder.matches("Secret", "{noop}secret")).isFalse();
	}

	@Test
	void comparesPlainPasswordsByTheirDigestsInConstantTime() {
		assertThat(PasswordEncoders.byId().get(PasswordEncoders.NOOP)).isInstanceOf(ConstantTimePlainPasswordEncoder.class);
	}

	@Test
	void stillReadsTheHashesMachineTypesMayUse() {
		assertThat(encoder.matches("secret", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret"))).isTrue();
		assertThat(encoder.matches("secret", encoder.encode("secret"))).isTrue();
		String pbkdf2 = "{pbkdf2}" + PasswordEncoders.byId().get("pbkdf2").encode("secret");
		assertThat(encoder.matches("secret", pbkdf2)).isTrue();
		assertThat(encoder.matches("wrong", pbkdf2)).isFalse();
	}

}
