package org.metahub.filters.session;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpaqueTokensTest {

	@Test
	void tokensAreUnpaddedBase64UrlOf256Bits() {
		String token = OpaqueTokens.newToken();
		assertThat(token).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
	}

	@Test
	void tokensDiffer() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			tokens.add(OpaqueTokens.newToken());
		}
		assertThat(tokens).hasSize(1000);
	}

	@Test
	void fingerprintIsTheSha256HexAndDoesNotContainTheToken() {
		assertThat(OpaqueTokens.fingerprint("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		String token = OpaqueTokens.newToken();
		assertThat(OpaqueTokens.fingerprint(token)).matches("[0-9a-f]{64}").doesNotContain(token);
	}

	@Test
	void keysUseAClusterHashTag() {
		assertThat(TokenKind.ACCESS.key("ab")).isEqualTo("metahub:session:{ab}");
		assertThat(TokenKind.REFRESH.key("ab")).isEqualTo("metahub:refresh:{ab}");
	}

}
