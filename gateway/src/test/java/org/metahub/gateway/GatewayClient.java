package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Sends requests to the gateway under test on its random local port. */
final class GatewayClient {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	GatewayClient(int port) {
		this.port = port;
	}

	HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
	}

	HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.GET().build());
	}

	HttpResponse<byte[]> head(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
	}

	CompletableFuture<HttpResponse<byte[]>> getAsync(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = request(pathAndQuery);
		if (headers.length > 0) {
			request.headers(headers);
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
