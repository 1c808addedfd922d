package org.metahub.filters.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UpstreamTokenTest {

	private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

	@Test
	void readsTokenLifetimeAndIssueTime() {
		UpstreamToken token = parse("{\"token\":\"t\",\"access_token\":\"a\",\"expires_in\":300,"
				+ "\"issued_at\":\"2025-01-01T11:59:00Z\"}");

		assertThat(token.value()).isEqualTo("t");
		assertThat(token.expiresAt()).isEqualTo(Instant.parse("2025-01-01T12:04:00Z"));
		assertThat(token.refreshAt()).isEqualTo(Instant.parse("2025-01-01T12:03:30Z"));
	}

	@Test
	void acceptsAnAccessTokenAloneAndAssumesSixtySeconds() {
		UpstreamToken token = parse("{\"access_token\":\"a\"}");

		assertThat(token.value()).isEqualTo("a");
		assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(60));
		assertThat(token.refreshAt()).isEqualTo(NOW.plusSeconds(54));
	}

	@Test
	void anIssueTimeInTheFutureOrUnreadableCountsAsNow() {
		assertThat(parse("{\"token\":\"t\",\"expires_in\":100,\"issued_at\":\"2030-01-01T00:00:00Z\"}").expiresAt())
			.isEqualTo(NOW.plusSeconds(100));
		assertThat(parse("{\"token\":\"t\",\"expires_in\":100,\"issued_at\":\"yesterday\"}").expiresAt())
			.isEqualTo(NOW.plusSeconds(100));
		assertThat(parse("{\"token\":\"t\",\"expires_in\":100,\"issued_at\":\"2025-01-01T13:59:00+02:00\"}").lifetime())
			.isEqualTo(Duration.ofSeconds(100));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "<html>login</html>", "[]", "\"token\"", "{}", "{\"token\":\"\"}", "{\"token\":42}" })
	void anAnswerWithoutATokenIsAnUpstreamFault(String body) {
		assertThatExceptionOfType(OciException.class).isThrownBy(() -> parse(body))
			.satisfies(failure -> assertThat(failure.error()).isEqualTo(OciError.UPSTREAM_UNAVAILABLE));
	}

	@Test
	void neverShowsItsValue() {
		assertThat(parse("{\"token\":\"secret-value\"}").toString()).doesNotContain("secret-value");
	}

	private static UpstreamToken parse(String body) {
		return UpstreamToken.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
	}

}
