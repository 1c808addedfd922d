package org.metahub.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on a loopback address for faults and observations a real registry cannot give
 * (redirects, 500s, hostile challenges); it records every request it receives.
 */
final class FakeHttpServer implements AutoCloseable {

	/** A request as it arrived. */
	record Received(String method, URI uri, Headers headers) {

		String authorization() {
			return headers.getFirst("Authorization");
		}

	}

	/** Produces the answer to one request. */
	interface Handler {

		Response handle(Received request) throws IOException;

	}

	/** An answer: status, headers and body. */
	record Response(int status, Map<String, String> headers, byte[] body) {

		static Response of(int status, String body, String... headerPairs) {
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			for (int i = 0; i < headerPairs.length; i += 2) {
				headers.put(headerPairs[i], headerPairs[i + 1]);
			}
			return new Response(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Handler handler;

	FakeHttpServer(String loopbackAddress, Handler handler) {
		this.handler = handler;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", this::serve);
		server.start();
	}

	URI url() {
		InetSocketAddress address = server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	List<Received> received(String pathPrefix) {
		return received.stream().filter(request -> request.uri().getPath().startsWith(pathPrefix)).toList();
	}

	void handler(Handler handler) {
		this.handler = handler;
	}

	private void serve(HttpExchange exchange) throws IOException {
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
				exchange.getRequestHeaders());
		received.add(request);
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Response response = handler.handle(request);
			response.headers().forEach(exchange.getResponseHeaders()::set);
			boolean noBody = response.body().length == 0 || request.method().equals("HEAD");
			exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
			if (!noBody) {
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(response.body());
				}
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
