package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.metahub.filters.testing.ServerProcess;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real containerd daemon (Debian package {@code containerd}) with its own root, state and socket
 * in a temporary folder, driven through {@code ctr} as a node's image service would be.
 */
final class Containerd extends ServerProcess {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	/**
	 * Pulls {@code reference} over plain http, logged in as {@code login}, into a namespace of that name, and
	 * returns the digest of the image manifest it unpacked.
	 */
	String pull(String login, String password, String reference) {
		ctr("--namespace", login, "images", "pull", "--plain-http", "--user", login + ":" + password, "--snapshotter",
				"native", "--platform", "linux/amd64", reference).assertSucceeded();
		return chosenImage(login, reference);
	}

	/** The digest of the first manifest of the list that {@code reference} names in the namespace. */
	String chosenImage(String namespace, String reference) {
		String listDigest = ctr("--namespace", namespace, "images", "ls", "--quiet").output().lines()
			.filter(reference::equals).findFirst()
			.map(name -> targetDigest(namespace, name))
			.orElseThrow(() -> new AssertionError("containerd did not record " + reference));
		String list = ctr("--namespace", namespace, "content", "get", listDigest).assertSucceeded().output();
		return JSON.readTree(list).get("manifests").get(0).get("digest").asString();
	}

	private String targetDigest(String namespace, String name) {
		String row = ctr("--namespace", namespace, "images", "ls").assertSucceeded().output().lines()
			.filter(line -> line.startsWith(name + " "))
			.findFirst()
			.orElseThrow();
		return java.util.Arrays.stream(row.split("\\s+")).filter(field -> field.startsWith("sha256:")).findFirst()
			.orElseThrow();
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
