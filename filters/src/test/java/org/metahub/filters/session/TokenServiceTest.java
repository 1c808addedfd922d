package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciErrorWriter;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;


import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final SessionStore sessions = new InMemorySessionStore(100, clock);

	private final TokenService service = new TokenService(Fixtures.verifier(PasswordEncoders.delegating(), clock),
			sessions, Fixtures.DIRECTORY, new TokenIssuer(sessions, Duration.ofMinutes(15), Duration.ofDays(7), clock),
			"metahub", new ScopeLimits(Fixtures.LIMITS));

	private Mono<TokenResponse> token(TokenRequest request) {
		return service.token(request, Fixtures.ADDRESS);
	}

	private static TokenRequest password(String login, String password, List<String> scopes, boolean offline) {
		return new TokenRequest(TokenRequest.Grant.PASSWORD, new BasicCredentials(login, password), null, "metahub",
				scopes, offline);
	}

	@Test
	void issuesATokenForTheGrantedScopesOnly() {
		TokenResponse response = token(password("node-skylake", "skylake-secret", List.of("repository:a:pull,push", "repository:b:push"), false))
			.block(TIMEOUT);
		assertThat(response.token()).isEqualTo(response.accessToken()).matches("[A-Za-z0-9_-]{43}");
		assertThat(response.expiresIn()).isEqualTo(900);
		assertThat(response.refreshToken()).isNull();
		Session session = sessions.find(TokenKind.ACCESS, response.token()).block(TIMEOUT);
		assertThat(session.scopes()).containsExactly("repository:a:pull");
		assertThat(session.login()).isEqualTo("node-skylake");
	}

	@Test
	void refreshesWithAnOfflineRefreshTokenUntilItExpires() {
		TokenResponse first = token(password("node-broadwell", "broadwell-secret", List.of(), true)).block(TIMEOUT);
		assertThat(first.refreshToken()).isNotNull().isNotEqualTo(first.token());
		TokenRequest refresh = new TokenRequest(TokenRequest.Grant.REFRESH_TOKEN, null, first.refreshToken(), null,
				List.of("repository:c:pull"), true);
		TokenResponse second = token(refresh).block(TIMEOUT);
		assertThat(second.token()).isNotEqualTo(first.token());
		assertThat(second.refreshToken()).isEqualTo(first.refreshToken());
		assertThat(sessions.find(TokenKind.ACCESS, second.token()).block(TIMEOUT).scopes())
			.containsExactly("repository:c:pull");
		clock.advance(Duration.ofDays(7));
		StepVerifier.create(token(refresh))
			.expectErrorSatisfies(error -> assertThat(((OciException) error).error()).isEqualTo(OciError.UNAUTHORIZED))
			.verify(TIMEOUT);
	}

	@Test
	void answersWrongPasswordsAndUnknownLoginsAlike() {
		OciException wrong = failure(password("node-skylake", "wrong", List.of(), false));
		OciException unknown = failure(password("nobody", "skylake-secret", List.of(), false));
		assertThat(wrong.error()).isEqualTo(OciError.UNAUTHORIZED);
		assertThat(OciErrorWriter.body(wrong)).isEqualTo(OciErrorWriter.body(unknown));
		assertThat(wrong.headers()).isEqualTo(unknown.headers());
	}

	@Test
	void refusesAnotherService() {
		TokenRequest request = new TokenRequest(TokenRequest.Grant.PASSWORD,
				new BasicCredentials("node-skylake", "skylake-secret"), null, "registry.docker.io", List.of(), false);
		assertThat(failure(request).error()).isEqualTo(OciError.BAD_REQUEST);
	}

	private OciException failure(TokenRequest request) {
		try {
			token(request).block(TIMEOUT);
		}
		catch (OciException ex) {
			return ex;
		}
		throw new AssertionError("expected the request to be refused");
	}

	@Test
	void refusesMoreScopesThanTheCapBeforeCheckingThePassword() {
		List<String> many = IntStream.range(0, 101).mapToObj(i -> "repository:r" + i + ":pull").toList();
		assertRefused(password("node-skylake", "wrong", many, false), OciError.BAD_REQUEST, "at most 100 scopes");
		String spaced = String.join(" ", many);
		assertRefused(password("node-skylake", "wrong", List.of(spaced), false), OciError.BAD_REQUEST, "at most 100 scopes");
		assertThat(token(password("node-skylake", "skylake-secret", many.subList(0, 100), false)).block(TIMEOUT))
			.isNotNull();
	}

	@Test
	void refusesAScopeLongerThanTheCap() {
		String longScope = "repository:" + "a".repeat(500) + ":pull";
		assertRefused(password("node-skylake", "skylake-secret", List.of(longScope), false), OciError.BAD_REQUEST,
				"at most 512 characters");
	}

	@Test
	void refusesScopesThatMakeASessionLargerThanTheCap() {
		List<String> large = IntStream.range(0, 100)
			.mapToObj(i -> "repository:" + "n".repeat(160) + i + ":pull")
			.toList();
		assertRefused(password("node-skylake", "skylake-secret", large, false), OciError.TOKEN_REQUEST_TOO_LARGE,
				"larger than the gateway keeps");
		assertThat(OciError.TOKEN_REQUEST_TOO_LARGE.status().value()).isEqualTo(413);
	}

	private void assertRefused(TokenRequest request, OciError error, String message) {
		StepVerifier.create(Mono.defer(() -> token(request)))
			.expectErrorSatisfies(failure -> {
				assertThat(((OciException) failure).error()).isEqualTo(error);
				assertThat(failure.getMessage()).contains(message);
			})
			.verify(TIMEOUT);
	}

}
