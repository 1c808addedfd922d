package org.metahub.filters.upstream;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Which credentials answer which challenge, with the upstream's {@code /v2/} answer given. */
class UpstreamAuthorizerTest {

	private static final UpstreamProperties UPSTREAM = new UpstreamProperties(URI.create("https://registry.example.com"),
			"mirror", "secret");

	private final List<TokenRequest> fetched = new CopyOnWriteArrayList<>();

	@Test
	void answersABearerChallengeWithATokenForTheRepositoryOrTheCatalog() {
		UpstreamAuthorizer authorizer = authorizer("Bearer realm=\"https://auth.example.com/token\",service=\"reg\"");

		assertThat(authorize(authorizer, "/v2/library/alpine/manifests/3")).isEqualTo("Bearer token");
		assertThat(authorize(authorizer, "/v2/_catalog")).isEqualTo("Bearer token");
		assertThat(fetched).extracting(TokenRequest::scope)
			.containsExactly("repository:library/alpine:pull", "registry:catalog:*");
		assertThat(fetched).extracting(TokenRequest::authorization).containsOnly("Basic bWlycm9yOnNlY3JldA==");
	}

	@Test
	void answersABasicChallengeWithTheUpstreamCredentials() {
		assertThat(authorize(authorizer("Basic realm=\"registry\""), "/v2/team/app/blobs/sha256:" + "a".repeat(64)))
			.isEqualTo("Basic bWlycm9yOnNlY3JldA==");
	}

	@Test
	void sendsNothingToAnUpstreamWithoutChallengeOrWithAnUnknownOne() {
		assertThat(authorize(authorizer(null), "/v2/team/app/tags/list")).isNull();
		assertThat(authorize(authorizer("Negotiate"), "/v2/team/app/tags/list")).isNull();
	}

	@Test
	void anInvalidRealmIsAnUpstreamFault() {
		StepVerifier.create(authorizer("Bearer realm=\"http://bad host/token\"")
			.authorize(DistributionPath.parse("/v2/team/app/manifests/1")))
			.expectErrorSatisfies(failure -> assertThat(((OciException) failure).error())
				.isEqualTo(OciError.UPSTREAM_UNAVAILABLE))
			.verify(Duration.ofSeconds(5));
	}

	private UpstreamAuthorizer authorizer(String challenge) {
		// the registry's answer to the anonymous probe
		WebClient upstream = WebClient.builder().exchangeFunction(request -> {
			ClientResponse.Builder response = ClientResponse.create(challenge == null ? HttpStatus.OK : HttpStatus.UNAUTHORIZED);
			if (challenge != null) {
				response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
			}
			return Mono.just(response.build());
		}).build();
		TokenClient tokens = request -> {
			fetched.add(request);
			return Mono.just(new UpstreamToken("token", Instant.now().plusSeconds(300), Duration.ofSeconds(300)));
		};
		return new UpstreamAuthorizer(new ChallengeProbe(upstream, UPSTREAM.url()),
				new RealmPolicy(UPSTREAM.url(), List.of()), new TokenCache(tokens, Clock.systemUTC()), UPSTREAM);
	}

	private static String authorize(UpstreamAuthorizer authorizer, String path) {
		return authorizer.authorize(DistributionPath.parse(path)).block(Duration.ofSeconds(5)).authorization();
	}

}
