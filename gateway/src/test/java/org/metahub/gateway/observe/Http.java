package org.metahub.gateway.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.metahub.gateway.GatewayClient;

/** Blocking HTTP calls from the test thread to a gateway on a local port; blobs are fetched as the demo machine type. */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private Http() {
	}

	static HttpResponse<String> get(int port, String path, String... headers) {
		return send(port, path, HttpResponse.BodyHandlers.ofString(), headers);
	}

	static HttpResponse<byte[]> getBytes(int port, String path) {
		return send(port, path, HttpResponse.BodyHandlers.ofByteArray(), "Authorization", GatewayClient.DEMO_LOGIN);
	}

	private static <T> HttpResponse<T> send(int port, String path, HttpResponse.BodyHandler<T> handler,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return CLIENT.send(request.build(), handler);
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
