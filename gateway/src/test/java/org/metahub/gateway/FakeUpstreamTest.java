package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers a real registry does not give: redirects, server errors; and what an anonymous upstream sees. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FakeUpstreamTest {

	private static final String DIGEST = "sha256:" + "ab".repeat(32);

	private static final String UPSTREAM_ERROR = "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk on fire\"}]}";

	private static FakeHttpServer upstream;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		upstream = new FakeHttpServer("127.0.0.1", request -> {
			String path = request.uri().getPath();
			if (path.equals("/v2/")) {
				return FakeHttpServer.Response.of(200, "{}");
			}
			if (path.contains("/blobs/")) {
				return FakeHttpServer.Response.of(307, "", "Location", "https://storage.example.com/blob?sig=a%2Fb");
			}
			if (path.endsWith("/tags/list")) {
				return tagPage(request.uri().getRawQuery());
			}
			if (path.contains("/manifests/broken")) {
				return FakeHttpServer.Response.of(500, UPSTREAM_ERROR, "Content-Type", "application/json",
						"X-Upstream-Marker", "kept");
			}
			return FakeHttpServer.Response.of(200, "{}", "Content-Type", "application/json");
		});
		properties.add("metahub.upstream.url", () -> upstream.url().toString());
		properties.add("metahub.upstream.username", () -> "unused");
		properties.add("metahub.upstream.password", () -> "unused-secret");
	}

	// pages of two at most, whatever n asks for, as registries that cap n do
	private static FakeHttpServer.Response tagPage(String query) {
		String last = query == null || !query.contains("last=") ? "" : query.replaceAll(".*last=([^&]*).*", "$1");
		List<String> page = Stream.of("a", "b", "c", "d", "e").filter(tag -> tag.compareTo(last) > 0).limit(2).toList();
		String body = "{\"name\":\"team/app\",\"tags\":[" + page.stream().map(tag -> "\"" + tag + "\"")
			.collect(Collectors.joining(",")) + "]}";
		if (page.isEmpty() || page.get(page.size() - 1).equals("e")) {
			return FakeHttpServer.Response.of(200, body, "Content-Type", "application/json");
		}
		return FakeHttpServer.Response.of(200, body, "Content-Type", "application/json", "Link",
				"</v2/team/app/tags/list?last=" + page.get(page.size() - 1) + "&n=2>; rel=\"next\"");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void aBlobRedirectReachesTheClientUnchanged() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/blobs/" + DIGEST);

		assertThat(response.statusCode()).isEqualTo(307);
		assertThat(response.headers().firstValue("Location")).hasValue("https://storage.example.com/blob?sig=a%2Fb");
		// the blob cache's confirming HEAD is redirected too, so the GET goes on to the upstream unchanged
		assertThat(upstream.received("/v2/team/app/blobs/")).extracting(request -> request.method())
			.containsExactly("HEAD", "GET");
	}

	@Test
	void aTagPageFollowsTheUpstreamsOwnPagesUntilItIsFull() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list?n=3&last=%2E");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\",\"c\"]}");
		assertThat(response.headers().firstValue("Link")).hasValue("</v2/team/app/tags/list?n=3&last=c>; rel=\"next\"");
		assertThat(upstream.received("/v2/team/app/tags/list")).extracting(request -> request.uri().getRawQuery())
			.containsExactly("n=3&last=.", "last=b&n=2");
	}

	@Test
	void upstreamServerErrorsPassThroughUnchanged() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/manifests/broken");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(UPSTREAM_ERROR);
		assertThat(response.headers().firstValue("X-Upstream-Marker")).hasValue("kept");
	}

	@Test
	void theClientsAuthorizationNeverReachesAnAnonymousUpstream() {
		String token = new String(gateway.get("/token?service=metahub&scope=repository:team/secret:pull").body(),
				StandardCharsets.UTF_8).replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		HttpResponse<byte[]> bearer = gateway.get("/v2/team/secret/manifests/1", "Authorization", "Bearer " + token);
		HttpResponse<byte[]> basic = gateway.get("/v2/team/secret/tags/list", "Authorization",
				"Basic cW5pYi10eXBlMTpxbmliLXR5cGUx");

		assertThat(bearer.statusCode()).isEqualTo(200);
		assertThat(basic.statusCode()).isEqualTo(200);
		assertThat(upstream.received("/v2/team/secret/")).hasSize(2)
			.allSatisfy(request -> assertThat(request.authorization()).isNull());
	}

	@Test
	void oneComponentNamesKeepTheirNameOutsideDockerHub() {
		assertThat(gateway.get("/v2/alpine/manifests/3").statusCode()).isEqualTo(200);

		assertThat(upstream.received("/v2/alpine/manifests/3")).hasSize(1);
	}

}
