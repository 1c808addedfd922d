package org.metahub.filters.upstream;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengeParserTest {

	@Test
	void parsesABearerChallengeWithAllItsParameters() {
		List<Challenge> challenges = ChallengeParser.parse(
				"Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
						+ "scope=\"repository:library/alpine:pull\",error=\"invalid_token\"");

		assertThat(challenges).singleElement().satisfies(challenge -> {
			assertThat(challenge.isBearer()).isTrue();
			assertThat(challenge.realm()).isEqualTo("https://auth.docker.io/token");
			assertThat(challenge.service()).isEqualTo("registry.docker.io");
			assertThat(challenge.scope()).isEqualTo("repository:library/alpine:pull");
			assertThat(challenge.error()).isEqualTo("invalid_token");
		});
	}

	static List<Object[]> wellFormed() {
		return List.of(
				new Object[] { "Basic realm=\"Registry Realm\"", List.of(new Challenge("Basic", Map.of("realm", "Registry Realm"))) },
				new Object[] { "basic", List.of(new Challenge("basic", Map.of())) },
				new Object[] { "Bearer realm=\"a \\\"quoted\\\" \\\\ realm\"",
						List.of(new Challenge("Bearer", Map.of("realm", "a \"quoted\" \\ realm"))) },
				new Object[] { "Bearer Realm = \"x\" , SERVICE=svc", List.of(new Challenge("Bearer", Map.of("realm", "x", "service", "svc"))) },
				new Object[] { "Bearer realm=\"x,y\",scope=\"repository:a:pull,push\"",
						List.of(new Challenge("Bearer", Map.of("realm", "x,y", "scope", "repository:a:pull,push"))) },
				new Object[] { "Basic realm=\"b\", Bearer realm=\"t\",service=\"s\"", List.of(
						new Challenge("Basic", Map.of("realm", "b")), new Challenge("Bearer", Map.of("realm", "t", "service", "s"))) },
				new Object[] { "Negotiate, Basic realm=b", List.of(new Challenge("Negotiate", Map.of()),
						new Challenge("Basic", Map.of("realm", "b"))) },
				new Object[] { "Bearer realm=https://auth.example.com/token", List.of(
						new Challenge("Bearer", Map.of("realm", "https://auth.example.com/token"))) });
	}

	@ParameterizedTest
	@MethodSource("wellFormed")
	void parsesWellFormedHeaders(String header, List<Challenge> expected) {
		assertThat(ChallengeParser.parse(header)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", ",,,", "\"quoted\"", "Bearer realm=\"unterminated", "Bearer realm=\"ends in escape\\",
			"@@@", "=value", "Bearer\u0000realm=x" })
	void garbageYieldsNoChallengeInsteadOfFailing(String header) {
		assertThat(ChallengeParser.parse(header)).isEmpty();
	}

	@Test
	void keepsTheCompleteChallengesBeforeGarbage() {
		assertThat(ChallengeParser.parse("Basic realm=\"b\", Bearer realm=\"broken"))
			.containsExactly(new Challenge("Basic", Map.of("realm", "b")));
	}

	@Test
	void readsSeveralHeaderValues() {
		assertThat(ChallengeParser.parse(List.of("Basic realm=\"b\"", "Bearer realm=\"t\"")))
			.extracting(Challenge::scheme)
			.containsExactly("Basic", "Bearer");
	}

	@Test
	void aMissingHeaderIsNoChallenge() {
		assertThat(ChallengeParser.parse((String) null)).isEmpty();
	}

}
