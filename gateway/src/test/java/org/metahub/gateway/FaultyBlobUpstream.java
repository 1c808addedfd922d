package org.metahub.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream registry of blobs that fail the way a real registry cannot be made to: a body held back after
 * some bytes until the test releases it or cuts the connection, other bytes than the digest names.
 * It answers {@code HEAD} with the blob's length, counts the {@code GET}s of each digest, and closes the
 * connection after every answer.
 */
final class FaultyBlobUpstream implements AutoCloseable {

	/** How the body of a blob's GET is sent. */
	enum Fault {

		/** all bytes */
		NONE,
		/** the first {@code at} bytes, then nothing until {@link Blob#release()} (the rest) or {@link Blob#cut()} */
		PAUSE

	}

	/** A blob served under a digest: its bytes (which need not hash to the digest) and its fault. */
	static final class Blob {

		private final byte[] bytes;

		private final Fault fault;

		private final int at;

		private final CountDownLatch paused = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile boolean cut;

		Blob(byte[] bytes, Fault fault, int at) {
			this.bytes = bytes;
			this.fault = fault;
			this.at = at;
		}

		/** Whether a GET has sent the bytes before the pause and now waits. */
		boolean isPaused() {
			return paused.getCount() == 0;
		}

		void release() {
			released.countDown();
		}

		/** Ends a paused GET by closing its connection, without the rest of the bytes. */
		void cut() {
			cut = true;
			released.countDown();
		}

	}

	private final ServerSocket server;

	private final Map<String, Blob> blobs = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

	FaultyBlobUpstream() {
		try {
			server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "faulty-blob-upstream");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + server.getLocalPort());
	}

	/** Serves the bytes for the digest, with the fault. */
	Blob serve(String digest, byte[] bytes, Fault fault, int at) {
		Blob blob = new Blob(bytes, fault, at);
		blobs.put(digest, blob);
		return blob;
	}

	/** GETs of the digest's blob so far. */
	int gets(String digest) {
		AtomicInteger count = gets.get(digest);
		return count == null ? 0 : count.get();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				Thread connection = new Thread(() -> answer(socket), "faulty-blob-upstream-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void answer(Socket socket) {
		try (socket) {
			String[] requestLine = RawUpstream.readHead(socket.getInputStream()).split(" ", 3);
			String method = requestLine[0];
			String path = requestLine[1];
			OutputStream out = socket.getOutputStream();
			String digest = path.substring(path.lastIndexOf('/') + 1);
			Blob blob = path.contains("/blobs/") ? blobs.get(digest) : null;
			if (blob == null) {
				String body = path.equals("/v2/") ? "{}" : "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}";
				writeHead(out, path.equals("/v2/") ? "200 OK" : "404 Not Found", "application/json", body.length());
				if (!method.equals("HEAD")) {
					out.write(body.getBytes(StandardCharsets.UTF_8));
				}
				return;
			}
			writeHead(out, "200 OK", "application/octet-stream", blob.bytes.length);
			if (method.equals("HEAD")) {
				return;
			}
			gets.computeIfAbsent(digest, key -> new AtomicInteger()).incrementAndGet();
			if (blob.fault == Fault.NONE) {
				out.write(blob.bytes);
				return;
			}
			out.write(blob.bytes, 0, blob.at);
			out.flush();
			blob.paused.countDown();
			if (blob.released.await(60, TimeUnit.SECONDS) && !blob.cut) {
				out.write(blob.bytes, blob.at, blob.bytes.length - blob.at);
			}
		}
		catch (IOException ex) {
			// the gateway went away first
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void writeHead(OutputStream out, String status, String contentType, long length) throws IOException {
		out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
				+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
	}

	@Override
	public void close() {
		blobs.values().forEach(Blob::release);
		try {
			server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
