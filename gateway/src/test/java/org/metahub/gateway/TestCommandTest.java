package org.metahub.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** README's test command is what CI runs, and it installs every peer the tests start, with or without sudo. */
class TestCommandTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void readmeAndCiRunTheSameScript() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"));
		Matcher command = Pattern.compile("(?s)Run every test on a fresh Debian machine.*?```sh\n(.*?)```").matcher(readme);
		assertThat(command.find()).as("README's test command block").isTrue();
		assertThat(command.group(1).strip()).isEqualTo("bin/test");
		List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
		assertThat(ci.get(ci.size() - 1).strip()).isEqualTo("exec bin/test");
	}

	@Test
	void scriptInstallsEveryPeerThroughSudoUnlessRoot() throws IOException {
		Path script = ROOT.resolve("bin/test");
		assertThat(Files.isExecutable(script)).isTrue();
		String text = Files.readString(script);
		Matcher packages = Pattern.compile("\npackages=\"([^\"]+)\"").matcher(text);
		assertThat(packages.find()).isTrue();
		assertThat(packages.group(1).split(" ")).containsExactlyInAnyOrder("docker-registry", "redis-server", "skopeo",
				"containerd", "docker.io", "busybox-static");
		assertThat(Files.readString(ROOT.resolve("README.md"))).contains("`" + packages.group(1) + "`");
		assertThat(text).contains("as_root=\"sudo\"", "$as_root env DEBIAN_FRONTEND=noninteractive apt-get install",
				"exec ./mvnw -B -ntp verify");
	}

}
