package org.metahub.filters.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A server binary the tests start on loopback, with its own temporary folder and log file. */
public class ServerProcess implements AutoCloseable {

	private final Process process;

	private final Path directory;

	private final Path log;

	protected ServerProcess(Path directory, List<String> command) {
		this.directory = directory;
		this.log = directory.resolve("server.log");
		try {
			this.process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + command.get(0) + " (is its Debian package installed?)", ex);
		}
	}

	protected static Path newDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether a registry-like server answers {@code GET /v2/} with 200 or 401, as it does once it is up. */
	protected static boolean answersBase(URI base) {
		return answersBase(HttpClient.newHttpClient(), base);
	}

	/** The same through the given client, such as one that trusts a test CA for an HTTPS server. */
	protected static boolean answersBase(HttpClient client, URI base) {
		try {
			HttpResponse<Void> response = client
				.send(HttpRequest.newBuilder(base.resolve("/v2/")).build(),
						HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200 || response.statusCode() == 401;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Stops each server that was started, for {@code @AfterAll} methods whose start-up may have failed half way. */
	public static void closeAll(ServerProcess... servers) {
		for (ServerProcess server : servers) {
			if (server != null) {
				server.close();
			}
		}
	}

	/** The operating system's id of the server process. */
	public long pid() {
		return process.pid();
	}

	public Path directory() {
		return directory;
	}

	/** What the server printed so far. */
	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected void awaitReady(String what, java.util.function.BooleanSupplier ready) {
		awaitReady(what, Duration.ofSeconds(30), ready);
	}

	protected void awaitReady(String what, Duration timeout, java.util.function.BooleanSupplier ready) {
		try {
			Poll.until(what + " to start", timeout, () -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(what + " exited:\n" + log());
				}
				return ready.getAsBoolean();
			});
		}
		catch (AssertionError ex) {
			String printed = log();
			close();
			throw new AssertionError(ex.getMessage() + ", it printed:\n" + printed, ex);
		}
	}

	/** Runs after the server stopped and before its folder is deleted, for what it may have left behind. */
	protected void beforeDelete() {
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		beforeDelete();
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary folder does no harm
		}
	}

}
