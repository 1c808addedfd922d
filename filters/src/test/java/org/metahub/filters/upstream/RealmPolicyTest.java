package org.metahub.filters.upstream;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RealmPolicyTest {

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource({
			"https://registry-1.docker.io, https://auth.docker.io/token, true",
			"https://ghcr.io, https://ghcr.io/token, true",
			"https://registry.gitlab.com, https://gitlab.com/jwt/auth, true",
			"https://registry.example.co.uk, https://auth.example.co.uk/token, true",
			"https://registry.example.co.uk, https://auth.other.co.uk/token, false",
			"https://registry-1.docker.io, https://auth.docker.io.evil.com/token, false",
			"https://registry-1.docker.io, https://evildocker.io/token, false",
			"https://ghcr.io, https://auth.example.com/token, false",
			"https://registry-1.docker.io, http://auth.docker.io/token, false",
			"http://registry.example.com, http://auth.example.com/token, true",
			"http://127.0.0.1:5000, http://127.0.0.1:5001/token, true",
			"http://127.0.0.1:5000, http://127.0.0.2:5001/token, false",
			"http://localhost:5000, http://localhost:5001/token, true",
			"http://localhost:5000, http://evil.localhost/token, false",
			"http://[::1]:5000, http://[::1]:5001/token, true",
			"https://ghcr.io, ftp://ghcr.io/token, false",
			"https://ghcr.io, /token, false" })
	void sendsCredentialsOnlyToTheUpstreamsOwnDomain(String upstream, String realm, boolean allowed) {
		assertThat(new RealmPolicy(URI.create(upstream), List.of()).mayReceiveCredentials(URI.create(realm)))
			.isEqualTo(allowed);
	}

	@ParameterizedTest
	@CsvSource({ "https://auth.example.com/token, true", "https://AUTH.example.com/token, true",
			"http://auth.example.com/token, false", "https://other.example.com/token, false" })
	void configuredRealmsMayReceiveCredentialsButNotOverHttpForAnHttpsUpstream(String realm, boolean allowed) {
		RealmPolicy policy = new RealmPolicy(URI.create("https://registry.internal.io"), List.of("auth.example.com"));

		assertThat(policy.mayReceiveCredentials(URI.create(realm))).isEqualTo(allowed);
	}

}
