package org.metahub.filters.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.FreePorts;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The token client against a token service on loopback. */
class HttpTokenClientTest {

	private final HttpTokenClient client = new HttpTokenClient(WebClient.create(), Clock.systemUTC());

	private final List<String> received = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void asksWithServiceScopeAndCredentialsAndReadsTheToken() {
		URI realm = serve(200, "{\"token\":\"abc\",\"expires_in\":120}");

		StepVerifier.create(client.fetch(new TokenRequest(realm, "registry.example.com",
				"repository:team/app:pull", "Basic dXNlcjpwYXNz")))
			.assertNext(token -> {
				assertThat(token.value()).isEqualTo("abc");
				assertThat(token.lifetime()).isEqualTo(Duration.ofSeconds(120));
			})
			.verifyComplete();
		assertThat(received).containsExactly(
				"/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull Basic dXNlcjpwYXNz");
	}

	@Test
	void asksAnonymouslyWithoutCredentials() {
		URI realm = serve(200, "{\"access_token\":\"abc\"}");

		StepVerifier.create(client.fetch(new TokenRequest(realm, null, null, null)))
			.assertNext(token -> assertThat(token.value()).isEqualTo("abc"))
			.verifyComplete();
		assertThat(received).containsExactly("/token null");
	}

	@Test
	void aServerErrorIsAnUpstreamFault() {
		expectUnavailable(serve(500, "oops"));
	}

	@Test
	void aRefusalIsAnUpstreamFault() {
		expectUnavailable(serve(401, "{\"details\":\"bad credentials\"}"));
	}

	@Test
	void somethingOtherThanJsonIsAnUpstreamFault() {
		expectUnavailable(serve(200, "<html>sign in</html>"));
	}

	@Test
	void anUnreachableRealmIsAnUpstreamFault() {
		expectUnavailable(URI.create("http://127.0.0.1:" + FreePorts.next() + "/token"));
	}

	private void expectUnavailable(URI realm) {
		StepVerifier.create(client.fetch(new TokenRequest(realm, "svc", "repository:a:pull", "Basic c2VjcmV0")))
			.expectErrorSatisfies(failure -> {
				assertThat(failure).isInstanceOf(OciException.class);
				assertThat(((OciException) failure).error()).isEqualTo(OciError.UPSTREAM_UNAVAILABLE);
				assertThat(failure.getMessage() + ((OciException) failure).detail()).doesNotContain("c2VjcmV0");
			})
			.verify(Duration.ofSeconds(10));
	}

	private URI serve(int status, String body) {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/token", exchange -> {
			received.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
	}

}
