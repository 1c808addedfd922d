package org.metahub.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a plain socket: requests go out exactly as written (pipelined if several are
 * written before reading), answers are read one by one with Content-Length or chunked framing. A read that
 * gets nothing within the timeout throws {@link java.net.SocketTimeoutException}.
 */
final class RawHttpConnection implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawHttpConnection(int port, Duration readTimeout) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout((int) readTimeout.toMillis());
		this.socket.setTcpNoDelay(true);
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** A request without a body, with the given extra header lines (such as {@code "Connection: close"}). */
	static String request(String method, String path, String... headerLines) {
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1\r\n")
			.append("Authorization: ").append(GatewayClient.DEMO_LOGIN).append("\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	void write(String... requests) throws IOException {
		out.write(String.join("", requests).getBytes(StandardCharsets.US_ASCII));
		out.flush();
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
			body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunked()
					: in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
		}
		return new Response(status, headers, body);
	}

	/** Whether the server closed the connection: the next read finds its end. */
	boolean closedByServer() throws IOException {
		return in.read() == -1;
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

	record Response(int status, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
