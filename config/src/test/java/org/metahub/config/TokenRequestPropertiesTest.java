package org.metahub.config;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRequestPropertiesTest {

	private static final DataSize KB32 = DataSize.ofKilobytes(32);

	@Test
	void refusesCapsThatNoClientCouldMeetNamingTheKey() {
		assertThatThrownBy(() -> new TokenRequestProperties(DataSize.ofBytes(100), 100, 512, KB32))
			.hasMessageContaining("metahub.token-request.max-form-size");
		assertThatThrownBy(() -> new TokenRequestProperties(KB32, 0, 512, KB32))
			.hasMessageContaining("metahub.token-request.max-scopes");
		assertThatThrownBy(() -> new TokenRequestProperties(KB32, 100, 10, KB32))
			.hasMessageContaining("metahub.token-request.max-scope-length");
		assertThatThrownBy(() -> new TokenRequestProperties(KB32, 100, 512, DataSize.ofBytes(10)))
			.hasMessageContaining("metahub.token-request.max-session-size");
	}

}
