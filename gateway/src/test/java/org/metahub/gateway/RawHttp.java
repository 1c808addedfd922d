package org.metahub.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 exchange over a plain socket, for requests that no HTTP client would send. */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	/**
	 * An answer as it arrived.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body, as much as {@code Content-Length} announced or until the connection ended
	 * @param closed whether the server closed the connection after the answer
	 */
	record Answer(int status, Map<String, String> headers, String body, boolean closed) {
	}

	private RawHttp() {
	}

	/** Sends the bytes, reads one answer, then waits for the server to close the connection if it was told to. */
	static Answer send(int port, byte[] request, boolean awaitClose) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			String length = headers.get("content-length");
			byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
			return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), awaitClose && ended(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Answer send(int port, String request, boolean awaitClose) {
		return send(port, request.getBytes(StandardCharsets.ISO_8859_1), awaitClose);
	}

	/** Sends the bytes and reads everything the server sends until it closes the connection. */
	static String exchangeAll(int port, String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("the connection ended within the headers: " + head);
			}
			head.write(next);
			matched = (next == '\r' && matched % 2 == 0) || (next == '\n' && matched % 2 == 1) ? matched + 1 : 0;
		}
		return head.toString(StandardCharsets.ISO_8859_1).trim();
	}

	private static boolean ended(InputStream in) throws IOException {
		try {
			return in.read() < 0;
		}
		catch (SocketException reset) {
			return true;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
	}

}
