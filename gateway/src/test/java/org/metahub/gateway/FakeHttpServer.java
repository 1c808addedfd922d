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
 * (redirects, 500s, hostile challenges, bodies that stall); it records every request it receives.
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

	/** How an answer's body ends: complete, or stalled after its bytes until the server closes. */
	enum Stall {

		NONE, FIXED_LENGTH, CHUNKED

	}

	/** An answer: status, headers and body. */
	record Response(int status, Map<String, String> headers, byte[] body, Stall stall) {

		static Response of(int status, String body, String... headerPairs) {
			return new Response(status, headers(headerPairs), body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					Stall.NONE);
		}

		/** Sends the headers (a longer Content-Length, or chunked) and these first bytes, then nothing more. */
		static Response stalling(Stall stall, String firstBytes, String... headerPairs) {
			return new Response(200, headers(headerPairs),
					firstBytes.getBytes(java.nio.charset.StandardCharsets.UTF_8), stall);
		}

		private static Map<String, String> headers(String... headerPairs) {
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			for (int i = 0; i < headerPairs.length; i += 2) {
				headers.put(headerPairs[i], headerPairs[i + 1]);
			}
			return headers;
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Handler handler;

	private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

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
			if (response.stall() != Stall.NONE) {
				stall(exchange, response);
				return;
			}
			boolean noBody = response.body().length == 0 || request.method().equals("HEAD");
			exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
			if (!noBody) {
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(response.body());
				}
			}
		}
	}

	private void stall(HttpExchange exchange, Response response) throws IOException {
		long declared = response.stall() == Stall.CHUNKED ? 0 : response.body().length + 1_000_000L;
		exchange.sendResponseHeaders(response.status(), declared);
		OutputStream body = exchange.getResponseBody();
		body.write(response.body());
		body.flush();
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closed.countDown();
		server.stop(0);
	}

}
