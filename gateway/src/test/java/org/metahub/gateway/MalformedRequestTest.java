package org.metahub.gateway;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every malformed request gets the OCI error document with its status and content type: those Netty refuses
 * before any filter runs (then closing the connection), the URI Spring cannot parse, and the targets and
 * forms the gateway refuses itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedRequestTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LOGIN = "Authorization: " + GatewayClient.DEMO_LOGIN + "\r\n";

	private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> TestServers.UPSTREAM.url().toString());
	}

	static Stream<Arguments> malformedRequests() {
		return Stream.of(
				// what Netty refuses, closing the connection
				Arguments.of("request line over 4 KB", "GET /v2/" + "a".repeat(5000) + "/manifests/1 HTTP/1.1\r\nHost: x\r\n\r\n",
						414, true),
				Arguments.of("64 KB cookie", "GET /v2/ HTTP/1.1\r\nHost: x\r\nCookie: " + "c".repeat(65536) + "\r\n\r\n", 431, true),
				Arguments.of("10 KB Bearer", "GET /v2/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "t".repeat(10240)
						+ "\r\n\r\n", 431, true),
				Arguments.of("5,000 headers", "GET /v2/ HTTP/1.1\r\nHost: x\r\n" + manyHeaders(5000) + "\r\n", 431, true),
				Arguments.of("no request line", "GARBAGE\r\n\r\n", 400, true),
				Arguments.of("malformed HTTP version", "GET /v2/ HTTP/9.Z\r\nHost: x\r\n\r\n", 400, true),
				Arguments.of("broken chunked framing", "POST /token HTTP/1.1\r\nHost: x\r\n" + FORM
						+ "Transfer-Encoding: chunked\r\n\r\n5\r\ngrant\r\nzz\r\nabc\r\n0\r\n\r\n", 400, true),
				// what Spring cannot parse: the connection stays usable
				Arguments.of("?last=%zz", "GET /v2/library/app/tags/list?last=%zz HTTP/1.1\r\nHost: x\r\n" + LOGIN + "\r\n",
						400, false),
				// what the gateway refuses
				Arguments.of("Host: a b", "GET /v2/ HTTP/1.1\r\nHost: a b\r\n\r\n", 400, false),
				Arguments.of("two Host headers", "GET /v2/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, false),
				Arguments.of("path with ..", "GET /actuator/health/../../v2/library/app/manifests/1 HTTP/1.1\r\nHost: x\r\n"
						+ LOGIN + "\r\n", 400, false),
				Arguments.of("path with %2e%2e", "GET /actuator/health/%2e%2e/%2E%2E/v2/ HTTP/1.1\r\nHost: x\r\n\r\n", 400,
						false),
				Arguments.of("token form grant_type=%zz", "POST /token HTTP/1.1\r\nHost: x\r\n" + FORM
						+ "Content-Length: 14\r\n\r\ngrant_type=%zz", 400, false),
				Arguments.of("token form ending in %", "POST /token HTTP/1.1\r\nHost: x\r\n" + FORM
						+ "Content-Length: 12\r\n\r\ngrant_type=%", 400, false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedRequests")
	void getsTheOciErrorDocument(String what, String request, int status, boolean closes) throws IOException {
		RawHttpConnection.Answer answer = RawHttpConnection.exchange(port, request, closes);

		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.headers()).containsEntry("content-type", "application/json")
			.containsEntry("docker-distribution-api-version", "registry/2.0")
			.doesNotContainKey("transfer-encoding");
		JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
		assertThat(error.get("code").asString()).isEqualTo("UNSUPPORTED");
		assertThat(error.get("message").asString()).isNotBlank();
		if (closes) {
			assertThat(answer.closed()).as("the connection is closed after the answer").isTrue();
		}
	}

	@Test
	void aHostNameWithAnUnderscoreGetsItsRealm() throws IOException {
		RawHttpConnection.Answer answer = RawHttpConnection.exchange(port, "GET /v2/ HTTP/1.1\r\nHost: my_host:8080\r\n\r\n", false);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.headers().get("www-authenticate")).startsWith("Bearer realm=\"http://my_host:8080/token\"");
	}

	@Test
	void aHeadGetsTheHeadersWithoutTheBody() throws IOException {
		String text = RawHttpConnection.exchangeAll(port, "HEAD /v2/library/app/tags/list?last=%zz HTTP/1.1\r\nHost: x\r\n\r\n"
				+ "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

		String first = text.substring(0, text.indexOf("\r\n\r\n") + 4);
		assertThat(first).startsWith("HTTP/1.1 400 ").contains("content-type: application/json")
			.doesNotContain("transfer-encoding");
		assertThat(text.substring(first.length())).as("the next answer follows the headers").startsWith("HTTP/1.1 401 ");
	}

	private static String manyHeaders(int count) {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < count; i++) {
			headers.append("X-H").append(i).append(": v\r\n");
		}
		return headers.toString();
	}

}
