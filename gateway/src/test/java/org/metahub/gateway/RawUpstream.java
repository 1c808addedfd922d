package org.metahub.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An upstream on a plain server socket for answers no HTTP server library gives: headers too large, bytes that
 * are not HTTP, a connection reset in the middle of a body.
 */
final class RawUpstream implements AutoCloseable {

	/**
	 * What to send for one request.
	 *
	 * @param bytes the bytes to write
	 * @param reset whether to reset the connection (RST) right after them instead of closing it
	 */
	record Answer(byte[] bytes, boolean reset) {

		static Answer of(String text) {
			return new Answer(text.getBytes(StandardCharsets.ISO_8859_1), false);
		}

	}

	private final ServerSocket server;

	/** @param answers the answer for a request, by its request line */
	RawUpstream(Function<String, Answer> answers) {
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(() -> {
			while (!server.isClosed()) {
				try {
					Socket socket = server.accept();
					Thread connection = new Thread(() -> answer(socket, answers), "raw-upstream-connection");
					connection.setDaemon(true);
					connection.start();
				}
				catch (IOException closed) {
					return;
				}
			}
		}, "raw-upstream");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + server.getLocalPort());
	}

	private static void answer(Socket socket, Function<String, Answer> answers) {
		try (socket) {
			String head = readHead(socket.getInputStream());
			Answer answer = answers.apply(head.substring(0, head.indexOf("\r\n")));
			socket.getOutputStream().write(answer.bytes());
			socket.getOutputStream().flush();
			if (answer.reset()) {
				socket.setSoLinger(true, 0);
			}
		}
		catch (IOException ex) {
			// the gateway went away first
		}
	}

	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("closed within the request headers");
			}
			head.write(next);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
