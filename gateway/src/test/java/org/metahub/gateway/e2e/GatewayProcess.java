package org.metahub.gateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.ServerProcess;

/** The packaged gateway ({@code gateway/target/metahub-gateway.jar}) in its own JVM, as a user runs it. */
final class GatewayProcess extends ServerProcess {

	private final String scheme;

	private final String address;

	private final int port;

	private GatewayProcess(Path directory, String scheme, String address, int port, List<String> command,
			HttpClient client) {
		super(directory, command);
		this.scheme = scheme;
		this.address = address;
		this.port = port;
		// generous: CI machines have two cores and start-up competes with the build
		awaitReady("metahub gateway", java.time.Duration.ofSeconds(120), () -> answersBase(client, url()));
	}

	/** Starts the gateway with extra JVM options and {@code --key=value} arguments. */
	static GatewayProcess start(List<String> jvmOptions, List<String> arguments) {
		return start(newDirectory("metahub-gateway"), jar().toString(), jvmOptions, arguments);
	}

	/** Starts {@code jar} (absolute, or relative to {@code directory}) with {@code directory} as working directory. */
	static GatewayProcess start(Path directory, String jar, List<String> jvmOptions, List<String> arguments) {
		int port = FreePorts.next();
		return new GatewayProcess(directory, "http", "127.0.0.1", port,
				command(directory, jar, jvmOptions, "127.0.0.1", port, arguments), HttpClient.newHttpClient());
	}

	/**
	 * Starts the gateway serving HTTPS on {@code address}: the arguments must configure its SSL bundle, and
	 * {@code trust} is what the readiness check trusts.
	 */
	static GatewayProcess startTls(String address, SSLContext trust, List<String> jvmOptions, List<String> arguments) {
		int port = FreePorts.next();
		Path directory = newDirectory("metahub-gateway");
		return new GatewayProcess(directory, "https", address, port,
				command(directory, jar().toString(), jvmOptions, address, port, arguments),
				HttpClient.newBuilder().sslContext(trust).build());
	}

	private static List<String> command(Path directory, String jar, List<String> jvmOptions, String address,
			int port, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar);
		command.add("--server.port=" + port);
		command.add("--server.address=" + address);
		if (arguments.stream().noneMatch(argument -> argument.startsWith("--metahub.blob-cache.path="))) {
			// its own blob cache, removed with the directory, never the one in the system's temporary folder
			command.add("--metahub.blob-cache.path=" + directory.toAbsolutePath().resolve("blob-cache"));
		}
		command.addAll(arguments);
		return command;
	}

	URI url() {
		return URI.create(scheme + "://" + hostAndPort());
	}

	String hostAndPort() {
		return address + ":" + port;
	}

	int port() {
		return port;
	}

	/** Resident set size of the gateway's JVM, in bytes, read from {@code /proc}. */
	long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the gateway's memory", ex);
		}
		throw new IllegalStateException("no VmRSS for " + pid());
	}

	/** The packaged jar, from the {@code metahub.jar} system property Failsafe sets. */
	static Path jar() {
		Path jar = Path.of(System.getProperty("metahub.jar", "target/metahub-gateway.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: run the end-to-end tests with ./mvnw verify");
		}
		return jar;
	}

}
