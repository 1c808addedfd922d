package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sends requests to the gateway under test on its random local port, logged in with Basic
 * credentials of a machine type (the embedded demo type {@code qnib-type1} unless told otherwise);
 * an {@code Authorization} header passed to a call replaces them.
 */
public final class GatewayClient {

	public static final String DEMO_LOGIN = "Basic " + Base64.getEncoder()
		.encodeToString("qnib-type1:qnib-type1".getBytes(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	private final String authorization;

	GatewayClient(int port) {
		this(port, DEMO_LOGIN);
	}

	GatewayClient(int port, String authorization) {
		this.port = port;
		this.authorization = authorization;
	}

	/**
	 * A {@link WebTestClient} for the gateway on a local port that opens a connection per request. In a test JVM
	 * Reactor Netty's pooled client shares event loops with the gateway's server, and a reused connection there
	 * now and then never got its answer (one in thousands of requests, read only when the client gave up); the
	 * JDK client and curl on the same sequences never hung.
	 */
	static WebTestClient webTestClient(int port) {
		var unpooled = new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.newConnection());
		return WebTestClient.bindToServer(unpooled)
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	public static String basic(String login, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	HttpRequest.Builder request(String pathAndQuery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
		if (authorization != null) {
			request.setHeader("Authorization", authorization);
		}
		return request;
	}

	HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return send(request.GET().build());
	}

	HttpResponse<byte[]> head(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return send(request.method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
	}

	CompletableFuture<HttpResponse<byte[]>> getAsync(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
