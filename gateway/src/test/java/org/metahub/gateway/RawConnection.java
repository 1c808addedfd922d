package org.metahub.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain socket to the gateway for what HTTP clients hide: half-sent requests, stalls, and how a
 * response ends (closed before its Content-Length, a chunked stream never terminated).
 */
final class RawConnection implements AutoCloseable {

	private final Socket socket;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	/** @param deadline how long a read may wait before the connection counts as left open */
	RawConnection(int port, Duration deadline) {
		this(port, deadline, 0);
	}

	/** @param receiveBuffer the socket's receive buffer in bytes, small for a client that reads slowly; 0: default */
	RawConnection(int port, Duration deadline, int receiveBuffer) {
		try {
			socket = new Socket();
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			socket.setSoTimeout((int) deadline.toMillis());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	RawConnection send(String text) {
		try {
			socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private InputStream input() {
		try {
			return socket.getInputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads what has arrived, at least one byte, and keeps it for {@link #readUntilClosed()}. */
	void readSome() {
		byte[] buffer = new byte[1024];
		try {
			int read = input().read(buffer);
			if (read > 0) {
				received.write(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Everything the server sent (what {@link #readSome()} read included) until it closed the connection; fails
	 * when it stays open past the deadline.
	 */
	String readUntilClosed() {
		byte[] buffer = new byte[64 * 1024];
		try {
			for (int read; (read = input().read(buffer)) != -1;) {
				received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the server left the connection open; received so far:\n"
					+ received.toString(StandardCharsets.ISO_8859_1), ex);
		}
		catch (IOException ex) {
			// a reset also ends the connection
		}
		return received.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}
