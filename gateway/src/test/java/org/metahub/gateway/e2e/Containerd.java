package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.metahub.filters.testing.ServerProcess;

/**
 * A real containerd daemon (Debian package {@code containerd}) with its own root, state and socket
 * in a temporary folder, driven through {@code ctr} as a node's image service would be.
 */
final class Containerd extends ServerProcess {

	private final Path socket;

	private Containerd(Path directory) {
		super(directory, List.of("containerd", "--config", writeConfig(directory).toString()));
		this.socket = directory.resolve("containerd.sock");
		awaitReady("containerd", java.time.Duration.ofSeconds(60),
				() -> Files.exists(socket) && ctr("version").exitCode() == 0);
	}

	static Containerd start() {
		return new Containerd(newDirectory("metahub-containerd"));
	}

	/** Runs {@code ctr} against this daemon. */
	CommandLine ctr(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ctr", "--address", socket.toString()));
		command.addAll(List.of(arguments));
		return CommandLine.run(command);
	}

	private static Path writeConfig(Path directory) {
		String config = """
				version = 2
				root = "%s"
				state = "%s"
				disabled_plugins = ["io.containerd.grpc.v1.cri"]
				[grpc]
				  address = "%s"
				""".formatted(directory.resolve("root"), directory.resolve("state"), directory.resolve("containerd.sock"));
		try {
			Path file = directory.resolve("config.toml");
			Files.writeString(file, config);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
