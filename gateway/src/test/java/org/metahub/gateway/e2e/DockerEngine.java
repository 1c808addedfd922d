package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.metahub.filters.testing.ServerProcess;

/**
 * A throw-away Docker engine (Debian package {@code docker.io}): {@code dockerd} with the vfs storage driver, no
 * iptables and no bridge, its data, state, socket and client configuration in one short temporary folder
 * (unix socket paths are limited to about 100 characters), driven through the {@code docker} command.
 */
final class DockerEngine extends ServerProcess {

	private static final String DOCKERD = "/usr/sbin/dockerd";

	private static final String DOCKER = "/usr/bin/docker";

	private final Path directory;

	private DockerEngine(Path directory) {
		super(directory, List.of(DOCKERD, "--config-file", writeConfig(directory).toString(),
				"--storage-driver", "vfs", "--iptables=false", "--bridge=none",
				"--data-root", directory.resolve("data").toString(),
				"--exec-root", directory.resolve("exec").toString(),
				"--pidfile", directory.resolve("docker.pid").toString(),
				"-H", "unix://" + directory.resolve("docker.sock")));
		this.directory = directory;
		awaitReady("dockerd", Duration.ofSeconds(60), () -> docker("version").exitCode() == 0);
	}

	static DockerEngine start() {
		try {
			return new DockerEngine(Files.createTempDirectory(Path.of("/tmp"), "mhd"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// without it, dockerd 20.10 writes its identity key to /etc/docker/key.json
	private static Path writeConfig(Path directory) {
		try {
			return Files.writeString(directory.resolve("daemon.json"),
					"{\"deprecated-key-path\": \"" + directory.resolve("key.json") + "\"}\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs the {@code docker} command against this engine, with a client configuration of its own. */
	CommandLine docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of(DOCKER, "--config", directory.resolve("client").toString(),
				"-H", "unix://" + directory.resolve("docker.sock")));
		command.addAll(List.of(arguments));
		return CommandLine.run(command);
	}

	/** Unmounts whatever a container left mounted under the folder, so that deleting it cannot reach elsewhere. */
	@Override
	protected void beforeDelete() {
		try {
			List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
				.map(line -> line.split(" ")[1])
				.filter(mountPoint -> mountPoint.startsWith(directory + "/"))
				.sorted(Comparator.reverseOrder())
				.toList();
			for (String mountPoint : mounts) {
				CommandLine.run(List.of("umount", "-l", mountPoint));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
