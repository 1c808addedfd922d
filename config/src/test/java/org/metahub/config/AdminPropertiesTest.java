package org.metahub.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminPropertiesTest {

	@Test
	void notConfiguredWithoutUsernameAndPassword() {
		assertThat(new AdminProperties(null, null).isConfigured()).isFalse();
		assertThat(new AdminProperties(" ", "").isConfigured()).isFalse();
		assertThat(new AdminProperties("admin", "{noop}s").isConfigured()).isTrue();
	}

	@Test
	void usernameAndPasswordGoTogether() {
		assertThatThrownBy(() -> new AdminProperties("admin", null))
			.hasMessage("metahub.admin.username and metahub.admin.password must be set together");
		assertThatThrownBy(() -> new AdminProperties(null, "{noop}s"))
			.hasMessage("metahub.admin.username and metahub.admin.password must be set together");
	}

	@Test
	void passwordMustBeInDelegatingFormat() {
		assertThatThrownBy(() -> new AdminProperties("admin", "plain"))
			.hasMessageStartingWith("metahub.admin.password must be in delegating format");
		assertThatThrownBy(() -> new AdminProperties("ad:min", "{noop}x"))
			.hasMessage("metahub.admin.username must not contain ':'");
	}

	@Test
	void toStringHidesThePassword() {
		assertThat(new AdminProperties("admin", "{noop}secret").toString()).doesNotContain("secret");
	}

}
