package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real skopeo against a gateway on loopback, over plain http and without a signature policy. */
final class Skopeo {

	private Skopeo() {
	}

	static CommandLine run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
		command.addAll(List.of(arguments));
		return CommandLine.run(command);
	}

	/** {@code skopeo copy} of an image from the gateway into a {@code dir:} layout, logged in as the credentials. */
	static ImageLayout copy(GatewayProcess gateway, String image, String credentials, Path destination) {
		try {
			Files.createDirectories(destination);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run("copy", "--src-tls-verify=false", "--src-creds", credentials,
				"docker://" + gateway.hostAndPort() + "/" + image, "dir:" + destination).assertSucceeded();
		return new ImageLayout(destination);
	}

}
