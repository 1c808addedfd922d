package org.metahub.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PasswordFormatTest {

	@ParameterizedTest
	@ValueSource(strings = { "{bcrypt}$2a$10$abcdefghijklmnopqrstuv", "{noop}secret", "{pbkdf2}5d923b44a6d129f3",
			"{pbkdf2@SpringSecurity_v5_8}5d923b44" })
	void acceptsEncodersTheGatewayCanRun(String password) {
		assertThatNoException().isThrownBy(() -> PasswordFormat.check(password, "login 'a'"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "secret|must be in delegating format", "{noop}|must be in delegating format",
			"{foo}bar|unsupported encoder {foo}", "{argon2}$argon2id$v=19|unsupported encoder {argon2}",
			"{}x|unsupported encoder {}" })
	void refusesWithAMessageNamingTheOwner(String password, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> PasswordFormat.check(password, "login 'node-a'"))
			.withMessageStartingWith("login 'node-a'")
			.withMessageContaining(message)
			.withMessageNotContaining("bar");
	}

}
