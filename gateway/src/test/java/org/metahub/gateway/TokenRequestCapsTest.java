package org.metahub.gateway;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** The caps on what a client sends to {@code /token}: each over-cap input is a 400 or 413 OCI error. */
class TokenRequestCapsTest extends AuthenticationIntegrationTest {

	private static final String LOGIN = "grant_type=password&username=node-skylake&password=skylake-secret&service=metahub";

	private static String scopes(int count, int nameLength) {
		return IntStream.range(0, count)
			.mapToObj(i -> "&scope=repository:" + "n".repeat(nameLength) + i + ":pull")
			.collect(Collectors.joining());
	}

	private WebTestClient.ResponseSpec postForm(String form) {
		return client().post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange();
	}

	private static void assertError(WebTestClient.ResponseSpec response, int status, String code, String message) {
		response.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.errors[0].code").isEqualTo(code)
			.jsonPath("$.errors[0].message").value(text -> assertThat((String) text).contains(message));
	}

	@Test
	void aFormOverTheCapIs413AboutTheRequestNotAnUpstreamManifest() {
		assertError(postForm(LOGIN + scopes(3000, 10)), 413, "SIZE_INVALID", "token request form is larger");
		assertError(postForm(LOGIN + "&pad=" + "x".repeat(300 * 1024)), 413, "SIZE_INVALID", "token request form");
	}

	@Test
	void aChunkedFormOverTheCapIs413Too() {
		Flux<String> chunks = Flux.range(0, 40).map(i -> i == 0 ? LOGIN + "&pad=" : "x".repeat(1024));
		assertError(client().post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromPublisher(chunks, String.class)).exchange(), 413, "SIZE_INVALID", "token request form");
	}

	@Test
	void moreScopesThanTheCapAre400InAFormAndInAQuery() {
		assertError(postForm(LOGIN + scopes(101, 1)), 400, "UNSUPPORTED", "at most 100 scopes");
		assertError(client().get().uri("/token?service=metahub" + scopes(101, 1))
			.headers(headers -> headers.setBasicAuth("node-skylake", "skylake-secret")).exchange(), 400, "UNSUPPORTED",
				"at most 100 scopes");
		postForm(LOGIN + scopes(100, 1)).expectStatus().isOk();
	}

	@Test
	void aScopeLongerThanTheCapIs400() {
		assertError(postForm(LOGIN + scopes(1, 600)), 400, "UNSUPPORTED", "at most 512 characters");
	}

	@Test
	void scopesThatMakeASessionOverTheCapAre413() {
		assertError(postForm(LOGIN + scopes(100, 170)), 413, "SIZE_INVALID", "larger than the gateway keeps");
	}

}
