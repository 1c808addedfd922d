package org.metahub.filters.session;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRequestTest {

	private static MultiValueMap<String, String> params(String... pairs) {
		MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.add(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Test
	void readsTheGetFormAsDockerAndSkopeoSendIt() {
		TokenRequest request = TokenRequest.fromQuery(BasicCredentialsTest.basic("a:b"), params("account", "a",
				"service", "metahub", "scope", "repository:x:pull", "scope", "repository:y:pull", "offline_token",
				"true", "client_id", "docker"));
		assertThat(request.credentials()).isEqualTo(new BasicCredentials("a", "b"));
		assertThat(request.scopes()).containsExactly("repository:x:pull", "repository:y:pull");
		assertThat(request.offline()).isTrue();
		assertThat(request.service()).isEqualTo("metahub");
	}

	@Test
	void getWithoutCredentialsIsUnauthorizedWithABasicChallenge() {
		assertThatThrownBy(() -> TokenRequest.fromQuery(null, params())).isInstanceOfSatisfying(OciException.class,
				ex -> {
					assertThat(ex.error()).isEqualTo(OciError.UNAUTHORIZED);
					assertThat(ex.headers()).containsEntry("WWW-Authenticate", Challenges.BASIC_CHALLENGE);
				});
	}

	@Test
	void readsContainerdsPasswordGrant() {
		TokenRequest request = TokenRequest.fromForm(params("grant_type", "password", "username", "a", "password",
				"b", "client_id", "containerd-client", "scope", "repository:x:pull", "service", "metahub"));
		assertThat(request.grant()).isEqualTo(TokenRequest.Grant.PASSWORD);
		assertThat(request.credentials()).isEqualTo(new BasicCredentials("a", "b"));
		assertThat(request.offline()).isFalse();
		assertThat(TokenRequest.fromForm(params("grant_type", "password", "username", "a", "password", "b",
				"access_type", "offline")).offline()).isTrue();
	}

	@Test
	void readsARefreshGrant() {
		TokenRequest request = TokenRequest.fromForm(params("grant_type", "refresh_token", "refresh_token", "r"));
		assertThat(request.grant()).isEqualTo(TokenRequest.Grant.REFRESH_TOKEN);
		assertThat(request.refreshToken()).isEqualTo("r");
	}

	@Test
	void refusesUnknownGrantsAndMissingFieldsWithBadRequest() {
		assertBadRequest(params("grant_type", "authorization_code", "code", "c"), "unsupported grant_type");
		assertBadRequest(params(), "grant_type");
		assertBadRequest(params("grant_type", "password", "username", "a"), "password");
		assertBadRequest(params("grant_type", "password", "password", "b"), "username");
		assertBadRequest(params("grant_type", "refresh_token"), "refresh_token");
	}

	private static void assertBadRequest(MultiValueMap<String, String> form, String mentioned) {
		assertThatThrownBy(() -> TokenRequest.fromForm(form)).isInstanceOfSatisfying(OciException.class, ex -> {
			assertThat(ex.error()).isEqualTo(OciError.BAD_REQUEST);
			assertThat(ex.getMessage()).contains(mentioned);
		});
	}

}
