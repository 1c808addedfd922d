package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciErrorWriter;
import org.metahub.filters.oci.OciException;
import reactor.test.StepVerifier;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final SessionStore sessions = new InMemorySessionStore(100, clock);

	private final TokenService service = new TokenService(
			new CredentialVerifier(Fixtures.DIRECTORY, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
					new CredentialCache(100, Duration.ofMinutes(5), clock)),
			sessions, Fixtures.DIRECTORY,
			new TokenIssuer(sessions, Duration.ofMinutes(15), Duration.ofDays(7), clock), "metahub");

	private static TokenRequest password(String login, String password, List<String> scopes, boolean offline) {
		return new TokenRequest(TokenRequest.Grant.PASSWORD, new BasicCredentials(login, password), null, "metahub",
				scopes, offline);
	}

	@Test
	void issuesATokenForTheGrantedScopesOnly() {
		TokenResponse response = service
			.token(password("node-skylake", "skylake-secret", List.of("repository:a:pull,push", "repository:b:push"), false))
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
		TokenResponse first = service.token(password("node-broadwell", "broadwell-secret", List.of(), true)).block(TIMEOUT);
		assertThat(first.refreshToken()).isNotNull().isNotEqualTo(first.token());
		TokenRequest refresh = new TokenRequest(TokenRequest.Grant.REFRESH_TOKEN, null, first.refreshToken(), null,
				List.of("repository:c:pull"), true);
		TokenResponse second = service.token(refresh).block(TIMEOUT);
		assertThat(second.token()).isNotEqualTo(first.token());
		assertThat(second.refreshToken()).isEqualTo(first.refreshToken());
		assertThat(sessions.find(TokenKind.ACCESS, second.token()).block(TIMEOUT).scopes())
			.containsExactly("repository:c:pull");
		clock.advance(Duration.ofDays(7));
		StepVerifier.create(service.token(refresh))
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
			service.token(request).block(TIMEOUT);
		}
		catch (OciException ex) {
			return ex;
		}
		throw new AssertionError("expected the request to be refused");
	}

}
