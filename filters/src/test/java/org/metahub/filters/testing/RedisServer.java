package org.metahub.filters.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} on a free loopback port, without persistence. */
public final class RedisServer extends ServerProcess {

	private final int port;

	private volatile boolean paused;

	private RedisServer(int port) {
		super(newDirectory("metahub-redis"), List.of("redis-server", "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"));
		this.port = port;
		awaitReady("redis-server", this::answersPing);
	}

	public static RedisServer start() {
		return new RedisServer(FreePorts.next());
	}

	/** A new, empty server on a given port, e.g. one that was stopped, to bring "the same" Redis back. */
	public static RedisServer start(int port) {
		return new RedisServer(port);
	}

	public int port() {
		return port;
	}

	/** The URL for {@code spring.data.redis.url}. */
	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	/** Hangs the server with SIGSTOP: connections stay open, commands get no answer. */
	public void pause() {
		signal("-STOP");
		paused = true;
	}

	/** Lets a paused server answer again (SIGCONT). */
	public void resume() {
		signal("-CONT");
		paused = false;
	}

	@Override
	public void close() {
		if (paused) {
			resume();
		}
		super.close();
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the server holds the key (EXISTS over a fresh connection). */
	public boolean exists(String key) {
		byte[] name = key.getBytes(StandardCharsets.UTF_8);
		return ":1".equals(ask("*2\r\n$6\r\nEXISTS\r\n$" + name.length + "\r\n", name));
	}

	private boolean answersPing() {
		return "+PONG".equals(ask("*1\r\n$4\r\nPING\r\n", null));
	}

	// one RESP command; the answer's first line, or null when the server cannot be reached
	private String ask(String head, byte[] argument) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			if (argument != null) {
				out.write(argument);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int read = in.read(); read != -1 && read != '\r'; read = in.read()) {
				line.append((char) read);
			}
			return line.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
