package org.metahub.filters.session;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.metahub.config.SessionProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationFilterTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final SessionStore sessions = new InMemorySessionStore(100, clock);

	private final AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();

	private final GatewayFilterChain chain = exchange -> {
		passedOn.set(exchange);
		return Mono.empty();
	};

	private AuthenticationFilter filter(URI realm) {
		SessionProperties properties = new SessionProperties("metahub", Duration.ofMinutes(15), Duration.ofDays(7),
				Duration.ofMinutes(5), 100, realm);
		CredentialVerifier verifier = Fixtures.verifier(PasswordEncoders.delegating(), clock);
		return new AuthenticationFilter(sessions, verifier, Fixtures.DIRECTORY, new Challenges(properties));
	}

	private static MockServerWebExchange exchange(String path, String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("http://gateway.example:8080" + path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH, DistributionPath.parse(path));
		return exchange;
	}

	private String token(Set<String> scopes) {
		String token = OpaqueTokens.newToken();
		sessions.save(TokenKind.ACCESS, token,
				new Session("node-skylake", "skylake", scopes, clock.instant().plusSeconds(900))).block(TIMEOUT);
		return "Bearer " + token;
	}

	private OciException refusal(MockServerWebExchange exchange) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		StepVerifier.create(filter(null).filter(exchange, chain)).consumeErrorWith(failure::set).verify(TIMEOUT);
		assertThat(passedOn.get()).isNull();
		assertThat(failure.get()).isInstanceOf(OciException.class);
		return (OciException) failure.get();
	}

	private void assertPassedOnAs(MockServerWebExchange exchange, Object machineType) {
		StepVerifier.create(filter(null).filter(exchange, chain)).expectComplete().verify(TIMEOUT);
		assertThat(passedOn.get()).isSameAs(exchange);
		assertThat((Object) exchange.getAttribute(ExchangeAttributes.MACHINE_TYPE)).isEqualTo(machineType);
		assertThat(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isNotNull();
	}

	@Test
	void challengesAnAnonymousRepositoryRequestWithItsScope() {
		OciException refusal = refusal(exchange("/v2/library/alpine/manifests/latest", null));
		assertThat(refusal.error()).isEqualTo(OciError.UNAUTHORIZED);
		assertThat(refusal.headers()).containsEntry("WWW-Authenticate",
				"Bearer realm=\"http://gateway.example:8080/token\",service=\"metahub\",scope=\"repository:library/alpine:pull\"");
	}

	@Test
	void challengesTheBaseWithoutScopeAndTheCatalogWithTheCatalogScope() {
		assertThat(refusal(exchange("/v2/", null)).headers().get("WWW-Authenticate"))
			.isEqualTo("Bearer realm=\"http://gateway.example:8080/token\",service=\"metahub\"");
		assertThat(refusal(exchange("/v2/_catalog", null)).headers().get("WWW-Authenticate"))
			.endsWith(",scope=\"registry:catalog:*\"");
	}

	@Test
	void announcesTheConfiguredRealm() {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		StepVerifier.create(filter(URI.create("https://metahub.example/token")).filter(exchange("/v2/", null), chain))
			.consumeErrorWith(failure::set)
			.verify(TIMEOUT);
		assertThat(((OciException) failure.get()).headers().get("WWW-Authenticate"))
			.startsWith("Bearer realm=\"https://metahub.example/token\",");
	}

	@Test
	void acceptsATokenWithoutScopesForTheBaseOnly() {
		String token = token(Set.of());
		assertPassedOnAs(exchange("/v2/", token), Fixtures.SKYLAKE);
		passedOn.set(null);
		OciException refusal = refusal(exchange("/v2/a/manifests/latest", token));
		assertThat(refusal.error()).isEqualTo(OciError.UNAUTHORIZED);
		assertThat(refusal.headers().get("WWW-Authenticate"))
			.endsWith(",scope=\"repository:a:pull\",error=\"insufficient_scope\"");
	}

	@Test
	void acceptsATokenWhoseScopesCoverTheRepository() {
		String token = token(Set.of("repository:a:pull", Scope.CATALOG));
		assertPassedOnAs(exchange("/v2/a/blobs/sha256:" + "0".repeat(64), token), Fixtures.SKYLAKE);
		assertPassedOnAs(exchange("/v2/_catalog", token), Fixtures.SKYLAKE);
		passedOn.set(null);
		assertThat(refusal(exchange("/v2/b/tags/list", token)).headers().get("WWW-Authenticate"))
			.contains("error=\"insufficient_scope\"");
	}

	@Test
	void challengesAnUnknownOrExpiredToken() {
		assertThat(refusal(exchange("/v2/", "Bearer " + OpaqueTokens.newToken())).headers().get("WWW-Authenticate"))
			.endsWith("error=\"invalid_token\"");
		String token = token(Set.of());
		clock.advance(Duration.ofSeconds(900));
		assertThat(refusal(exchange("/v2/", token)).error()).isEqualTo(OciError.UNAUTHORIZED);
	}

	@Test
	void acceptsBasicCredentialsDirectlyWithFullPullAccess() {
		assertPassedOnAs(exchange("/v2/any/repo/manifests/latest", BasicCredentialsTest.basic("node-broadwell:broadwell-secret")),
				Fixtures.BROADWELL);
	}

	@Test
	void challengesWrongBasicCredentials() {
		OciException refusal = refusal(exchange("/v2/a/manifests/latest", BasicCredentialsTest.basic("node-broadwell:wrong")));
		assertThat(refusal.error()).isEqualTo(OciError.UNAUTHORIZED);
		assertThat(refusal.headers()).containsKey("WWW-Authenticate");
	}

	@Test
	void refusesMalformedAuthorizationWithBadRequest() {
		assertThat(refusal(exchange("/v2/", "Basic %%%")).error()).isEqualTo(OciError.BAD_REQUEST);
		assertThat(refusal(exchange("/v2/", "Bearer ")).error()).isEqualTo(OciError.BAD_REQUEST);
	}

	@Test
	void challengesAnUnknownScheme() {
		assertThat(refusal(exchange("/v2/", "Digest username=\"a\"")).error()).isEqualTo(OciError.UNAUTHORIZED);
	}

	@Test
	void refusesWithServiceUnavailableWhenTheStoreCannotBeAsked() {
		SessionStore broken = new SessionStore() {
			@Override
			public Mono<Void> save(TokenKind kind, String token, Session session) {
				return Mono.error(OciError.SESSIONS_UNAVAILABLE.exception("down"));
			}

			@Override
			public Mono<Session> find(TokenKind kind, String token) {
				return Mono.error(OciError.SESSIONS_UNAVAILABLE.exception("down"));
			}
		};
		AuthenticationFilter filter = new AuthenticationFilter(broken, null, Fixtures.DIRECTORY,
				new Challenges(new SessionProperties("metahub", Duration.ofMinutes(15), Duration.ofDays(7),
						Duration.ofMinutes(5), 100, null)));
		StepVerifier.create(filter.filter(exchange("/v2/", "Bearer " + OpaqueTokens.newToken()), chain))
			.expectErrorSatisfies(error -> assertThat(((OciException) error).error())
				.isEqualTo(OciError.SESSIONS_UNAVAILABLE))
			.verify(TIMEOUT);
		assertThat(passedOn.get()).isNull();
	}

}
