package org.metahub.filters.observe;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPathTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"/v2/app/blobs/sha256:abc                           | /v2/app/blobs/sha256:abc",
			"/token?account=secretuser&scope=repository:a:pull  | /token",
			"/v2/_catalog?n=10&last=app&password=x               | /v2/_catalog?n=10&last=app",
			"/v2/app/tags/list?last=a%20b                       | /v2/app/tags/list?last=a%20b",
			"/v2/app/manifests/latest?ns=docker.io&token=t      | /v2/app/manifests/latest?ns=docker.io",
			"/v2/app/tags/list?last=%1b%5b2J%08%00&n=1          | /v2/app/tags/list?last=%1b%5b2J%08%00&n=1",
			"/v2/app/tags/list?last=a+b&ns                      | /v2/app/tags/list?last=a+b&ns" })
	void keepsOnlyParametersThatCannotCarrySecrets(String uri, String logged) {
		assertThat(LoggedPath.of(MockServerHttpRequest.method(HttpMethod.GET, URI.create(uri)).build())).isEqualTo(logged);
	}

}
