package org.metahub.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every answer arrives on a reused connection. An answer finished off the event loop (the actuator's) followed
 * by error documents written in one piece made Reactor Netty 1.3 stop reading the connection within a few dozen
 * connections of the JDK client, which opens each with an HTTP/2 upgrade offer (as reactor-netty#4361
 * describes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveSequenceTest {

	private static final int CONNECTIONS = 200;

	private static final List<String> SEQUENCE = List.of("/actuator/prometheus", "/not-an-endpoint", "/v2/");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> TestServers.UPSTREAM.url().toString());
	}

	@Test
	void everyAnswerOfASequenceArrivesOnItsConnection() throws Exception {
		for (int connection = 0; connection < CONNECTIONS; connection++) {
			HttpClient client = HttpClient.newHttpClient();
			for (String path : SEQUENCE) {
				assertThat(send(client, path, connection).statusCode()).isIn(200, 401, 404);
			}
		}
	}

	private HttpResponse<Void> send(HttpClient client, String path, int connection)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (HttpTimeoutException ex) {
			return fail("no answer to " + path + " on connection " + connection + " within 10 s", ex);
		}
	}

}
