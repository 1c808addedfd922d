package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicCredentialsTest {

	static String basic(String text) {
		return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void splitsAtTheFirstColonSoThatPasswordsMayContainColons() {
		assertThat(BasicCredentials.parse(basic("qnib-type1:pa:ss")))
			.isEqualTo(new BasicCredentials("qnib-type1", "pa:ss"));
	}

	@Test
	void acceptsTheSchemeInAnyCase() {
		assertThat(BasicCredentials.parse(basic("a:b").replace("Basic", "bAsIc")).login()).isEqualTo("a");
	}

	@Test
	void neverShowsThePassword() {
		assertThat(new BasicCredentials("login", "s3cret").toString()).doesNotContain("s3cret");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic !!!not-base64!!!", "Basic bm9jb2xvbg==", "Basic OnBhc3N3b3Jk", "Basic /w==",
			"Bearer abc" })
	void refusesMalformedHeadersWithBadRequest(String header) {
		// bm9jb2xvbg== is "nocolon", OnBhc3N3b3Jk is ":password", /w== is a lone 0xFF byte
		assertThatThrownBy(() -> BasicCredentials.parse(header)).isInstanceOfSatisfying(OciException.class, ex -> {
			assertThat(ex.error()).isEqualTo(OciError.BAD_REQUEST);
			assertThat(ex.getMessage()).startsWith("malformed Authorization header");
		});
	}

}
