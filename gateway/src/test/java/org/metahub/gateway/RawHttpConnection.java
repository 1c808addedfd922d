package org.metahub.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a plain socket, for what HTTP clients hide: requests go out exactly as written
 * (malformed, half-sent, or pipelined if several are written before reading), answers are read one by one with
 * their framing, or as raw bytes until the server closes, to see how a response ends. A read that gets nothing
 * within the timeout throws {@link SocketTimeoutException}.
 */
final class RawHttpConnection implements AutoCloseable {

	private static final Duration ONE_EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	RawHttpConnection(int port, Duration readTimeout) throws IOException {
		this(port, readTimeout, 0);
	}

	/** @param receiveBuffer the socket's receive buffer in bytes, small for a client that reads slowly; 0: default */
	RawHttpConnection(int port, Duration readTimeout, int receiveBuffer) throws IOException {
		this.socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		socket.setSoTimeout((int) readTimeout.toMillis());
		socket.setTcpNoDelay(true);
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** A request without a body, with the demo login and the given extra header lines (such as {@code "Connection: close"}). */
	static String request(String method, String path, String... headerLines) {
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1\r\n")
			.append("Authorization: ").append(GatewayClient.DEMO_LOGIN).append("\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	/**
	 * Sends one request as written on a new connection and reads its answer, then, when {@code awaitClose}, whether
	 * the server closed the connection after it.
	 */
	static Answer exchange(int port, String request, boolean awaitClose) throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, ONE_EXCHANGE_TIMEOUT)) {
			connection.write(request);
			Response response = connection.read(request.startsWith("HEAD "));
			return new Answer(response.status(), response.headers(),
					new String(response.body(), StandardCharsets.UTF_8), awaitClose && connection.closedByServer());
		}
	}

	/** Sends the request on a new connection and returns everything the server sends until it closes. */
	static String exchangeAll(int port, String request) throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, ONE_EXCHANGE_TIMEOUT)) {
			return connection.write(request).readUntilClosed();
		}
	}

	void readTimeout(Duration readTimeout) throws IOException {
		socket.setSoTimeout((int) readTimeout.toMillis());
	}

	RawHttpConnection write(String... requests) throws IOException {
		out.write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return this;
	}

	/** Reads the next answer; {@code head} says it answers a HEAD, whose framing headers describe no body. */
	Response read(boolean head) throws IOException {
		String statusLine = line();
		int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(); !line.isEmpty(); line = line()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body = new byte[0];
		if (!head && status >= 200 && status != 204 && status != 304) {
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = chunked();
			}
			else if (headers.containsKey("content-length")) {
				body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else if ("close".equalsIgnoreCase(headers.get("connection"))) {
				body = in.readAllBytes();
			}
		}
		return new Response(status, headers, body);
	}

	/** Whether the server closed (or reset) the connection: the next read finds its end rather than waiting. */
	boolean closedByServer() throws IOException {
		try {
			return in.read() == -1;
		}
		catch (SocketException reset) {
			return true;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
	}

	/**
	 * Reads what has arrived, at least one byte, and keeps it for {@link #readUntilClosed()}.
	 * @return the number of bytes read, -1 when the server closed the connection
	 */
	int readSome() throws IOException {
		byte[] buffer = new byte[1024];
		int read = in.read(buffer);
		if (read > 0) {
			received.write(buffer, 0, read);
		}
		return read;
	}

	/**
	 * Everything the server sent (what {@link #readSome()} read included) until it closed the connection; fails
	 * when it stays open past the read timeout.
	 */
	String readUntilClosed() throws IOException {
		byte[] buffer = new byte[64 * 1024];
		try {
			for (int read; (read = in.read(buffer)) != -1;) {
				received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the server left the connection open; received so far:\n"
					+ received.toString(StandardCharsets.ISO_8859_1), ex);
		}
		catch (SocketException reset) {
			// a reset also ends the connection
		}
		return received.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	private byte[] chunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(); size > 0; size = chunkSize()) {
			body.write(in.readNBytes(size));
			line();
		}
		while (!line().isEmpty()) {
			// trailer fields, none expected
		}
		return body.toByteArray();
	}

	private int chunkSize() throws IOException {
		String line = line();
		int extension = line.indexOf(';');
		return Integer.parseInt(extension < 0 ? line.trim() : line.substring(0, extension).trim(), 16);
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new EOFException("connection closed by the server");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/** An answer read with its framing; header names in lower case. */
	record Response(int status, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * The answer to {@link #exchange}.
	 *
	 * @param headers the headers, names in lower case
	 * @param closed whether the server closed the connection after the answer (when asked to wait for that)
	 */
	record Answer(int status, Map<String, String> headers, String body, boolean closed) {
	}

}
