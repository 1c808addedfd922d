package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real client (skopeo, ctr) to completion within a deadline and keeps what it printed. */
record CommandLine(int exitCode, String output) {

	static CommandLine run(List<String> command) {
		return run(command, Map.of());
	}

	/** Runs the command with extra environment variables. */
	static CommandLine run(List<String> command, Map<String, String> environment) {
		try {
			Path output = Files.createTempFile("metahub-command", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("timed out: " + command);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			return new CommandLine(process.exitValue(), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	CommandLine assertSucceeded() {
		if (exitCode != 0) {
			throw new AssertionError("exit code " + exitCode + ":\n" + output);
		}
		return this;
	}

}
