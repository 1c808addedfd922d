package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream whose challenge names a token realm on another host (127.0.0.2): the realm is asked
 * anonymously, never with the upstream credentials; its faults reach the client as 502 OCI errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRealmTest {

	private static FakeHttpServer realm;

	private static FakeHttpServer upstream;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		realm = new FakeHttpServer("127.0.0.2", request -> {
			String query = request.uri().getQuery();
			if (query.contains("broken-status")) {
				return FakeHttpServer.Response.of(503, "overloaded");
			}
			if (query.contains("broken-json")) {
				return FakeHttpServer.Response.of(200, "<html>login</html>", "Content-Type", "text/html");
			}
			return FakeHttpServer.Response.of(200, "{\"access_token\":\"anonymous-token\"}", "Content-Type",
					"application/json");
		});
		upstream = new FakeHttpServer("127.0.0.1", request -> {
			if ("Bearer anonymous-token".equals(request.authorization())) {
				return FakeHttpServer.Response.of(200, "{}", "Content-Type", "application/json");
			}
			return FakeHttpServer.Response.of(401, "", "WWW-Authenticate",
					"Bearer realm=\"" + realm.url() + "/token\",service=\"fake\"");
		});
		properties.add("metahub.upstream.url", () -> upstream.url().toString());
		properties.add("metahub.upstream.username", () -> "mirror");
		properties.add("metahub.upstream.password", () -> "mirror-secret");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		realm.close();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void aRealmOnAnotherHostGetsNoCredentialsButItsTokenIsUsed() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/manifests/1");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(realm.received("/token")).filteredOn(request -> request.uri().getQuery().contains("team/app"))
			.hasSize(1)
			.allSatisfy(request -> assertThat(request.authorization()).isNull());
		assertThat(upstream.received("/v2/team/app/")).hasSize(1)
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer anonymous-token"));
	}

	@Test
	void aRealmAnswering5xxGives502() {
		assertUnavailable(gateway.get("/v2/team/broken-status/manifests/1"));
	}

	@Test
	void aRealmAnsweringSomethingOtherThanJsonGives502() {
		assertUnavailable(gateway.get("/v2/team/broken-json/manifests/1"));
	}

	private static void assertUnavailable(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAVAILABLE\"")
			.contains("token service")
			.doesNotContain("Exception");
	}

}
