package org.metahub.gateway;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, the token endpoint and the authentication filter through a real server; run once with the
 * in-memory store and once with Redis. The upstream is a real registry, but only the gateway's own
 * answers (the base endpoint and 401 challenges) are asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"management.endpoint.health.show-components=always", "server.forward-headers-strategy=framework" })
abstract class AuthenticationIntegrationTest {

	static final String SKYLAKE_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("skylake-secret");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		registry.add("metahub.upstream.url", () -> TestServers.UPSTREAM.url().toString());
		registry.add("metahub.machine-types[0].name", () -> "skylake");
		registry.add("metahub.machine-types[0].login", () -> "node-skylake");
		registry.add("metahub.machine-types[0].password", () -> SKYLAKE_HASH);
		registry.add("metahub.machine-types[0].features[0]", () -> "cpu:skylake");
		registry.add("metahub.machine-types[1].name", () -> "broadwell");
		registry.add("metahub.machine-types[1].login", () -> "node-broadwell");
		registry.add("metahub.machine-types[1].password", () -> "{noop}broadwell-secret");
		registry.add("metahub.machine-types[1].features[0]", () -> "cpu:broadwell");
	}

	WebTestClient client() {
		return GatewayClient.webTestClient(port);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> token(String uri, String login, String password) {
		return client().get().uri(uri).headers(headers -> headers.setBasicAuth(login, password))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> post(String form) {
		return client().post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form)
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	WebTestClient.ResponseSpec base(String authorization) {
		return client().get().uri("/v2/").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	@Test
	void tokenWithoutScopeAsPodmanLoginAsksOpensTheBase() {
		Map<String, Object> body = token("/token?account=node-skylake&service=metahub", "node-skylake", "skylake-secret");
		assertThat(body.get("token")).isEqualTo(body.get("access_token"));
		assertThat((String) body.get("token")).matches("[A-Za-z0-9_-]{43}");
		assertThat(body.get("expires_in")).isEqualTo(900);
		assertThat(Instant.parse((String) body.get("issued_at"))).isBefore(Instant.now().plusSeconds(1));
		assertThat(body).doesNotContainKey("refresh_token");
		base("Bearer " + body.get("token")).expectStatus().isOk().expectBody().json("{}");
	}

	@Test
	void tokenCoversOnlyTheRepositoriesItWasIssuedFor() {
		Map<String, Object> body = token(
				"/token?account=node-broadwell&client_id=docker&service=metahub&scope=repository:library/alpine:pull,push",
				"node-broadwell", "broadwell-secret");
		String bearer = "Bearer " + body.get("token");
		client().get().uri("/v2/library/alpine/manifests/latest").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
			.expectStatus().value(status -> assertThat(status).isNotEqualTo(401));
		client().get().uri("/v2/other/manifests/latest").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
					value -> assertThat(value).endsWith("scope=\"repository:other:pull\",error=\"insufficient_scope\""));
	}

	@Test
	void offlineTokenGivesARefreshToken() {
		Map<String, Object> body = token("/token?service=metahub&offline_token=true&client_id=docker", "node-skylake",
				"skylake-secret");
		assertThat((String) body.get("refresh_token")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(body.get("token"));
	}

	@Test
	void postPasswordAndRefreshGrantsAsContainerdSendsThem() {
		Map<String, Object> first = post("grant_type=password&username=node-skylake&password=skylake-secret"
				+ "&client_id=containerd-client&scope=repository%3Alibrary%2Falpine%3Apull&service=metahub&access_type=offline");
		assertThat(first.get("access_token")).isEqualTo(first.get("token"));
		assertThat(first.get("refresh_token")).isNotNull();
		Map<String, Object> refreshed = post("grant_type=refresh_token&refresh_token=" + first.get("refresh_token")
				+ "&client_id=containerd-client&service=metahub");
		assertThat(refreshed.get("token")).isNotEqualTo(first.get("token"));
		assertThat(refreshed.get("refresh_token")).isEqualTo(first.get("refresh_token"));
		base("Bearer " + refreshed.get("token")).expectStatus().isOk();
		base("Bearer " + first.get("token")).expectStatus().isOk();
	}

	@Test
	void wrongPasswordAndUnknownLoginGetTheSameAnswer() {
		byte[] wrong = client().get().uri("/token?service=metahub")
			.headers(headers -> headers.setBasicAuth("node-skylake", "wrong")).exchange()
			.expectStatus().isUnauthorized().expectBody().returnResult().getResponseBody();
		byte[] unknown = client().get().uri("/token?service=metahub")
			.headers(headers -> headers.setBasicAuth("nobody", "skylake-secret")).exchange()
			.expectStatus().isUnauthorized().expectBody().returnResult().getResponseBody();
		assertThat(wrong).isEqualTo(unknown);
		assertThat(new String(wrong)).contains("\"code\":\"UNAUTHORIZED\"");
		byte[] posted = client().post().uri("/token")
			.body(BodyInserters.fromFormData("grant_type", "password").with("username", "nobody").with("password", "x"))
			.exchange().expectStatus().isUnauthorized().expectBody().returnResult().getResponseBody();
		assertThat(posted).isEqualTo(wrong);
	}

	@Test
	void unsupportedGrantAndMalformedRequestsAreBadRequests() {
		client().post().uri("/token").body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", "c"))
			.exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("grant_type"));
		client().post().uri("/token").body(BodyInserters.fromFormData("grant_type", "password").with("username", "a"))
			.exchange().expectStatus().isBadRequest();
		client().get().uri("/token").header(HttpHeaders.AUTHORIZATION, "Basic %%%").exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("UNSUPPORTED");
		client().get().uri("/token?scope=repository").headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret"))
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void anonymousRepositoryRequestIsChallengedWithItsScope() {
		client().get().uri("/v2/library/alpine/manifests/latest").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"http://127.0.0.1:" + port
					+ "/token\",service=\"metahub\",scope=\"repository:library/alpine:pull\"")
			.expectBody().jsonPath("$.errors[0].code").isEqualTo("UNAUTHORIZED");
		client().get().uri("/v2/_catalog").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).endsWith("scope=\"registry:catalog:*\""));
	}

	@Test
	void realmFollowsForwardedHeaders() {
		client().get().uri("/v2/").header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "metahub.example")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"https://metahub.example/token\",service=\"metahub\"");
	}

	@Test
	void basicCredentialsDirectlyOnTheRegistryApi() {
		client().get().uri("/v2/").headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret")).exchange()
			.expectStatus().isOk();
		client().get().uri("/v2/library/alpine/manifests/latest")
			.headers(headers -> headers.setBasicAuth("node-broadwell", "broadwell-secret")).exchange()
			.expectStatus().value(status -> assertThat(status).isNotEqualTo(HttpStatus.UNAUTHORIZED.value()));
		client().get().uri("/v2/").headers(headers -> headers.setBasicAuth("node-skylake", "wrong")).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void unknownTokenIsChallenged() {
		base("Bearer unknown-token").expectStatus().isUnauthorized()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).endsWith("error=\"invalid_token\""));
	}

}
