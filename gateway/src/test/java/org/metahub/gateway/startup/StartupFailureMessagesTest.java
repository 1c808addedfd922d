package org.metahub.gateway.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.gateway.MetahubGatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each start-up failure a user causes prints one block saying what is wrong and how to fix it (a Spring Boot
 * failure analysis), never a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureMessagesTest {

	private static final String COMPONENTS = """
			manifests:
			  - image: qnib/bench:skylake
			    platform: {architecture: amd64, os: linux}
			""";

	@TempDir
	Path folder;

	@Test
	void aVirtualImageOnAHostThatIsNoUpstream(CapturedOutput output) throws IOException {
		Path spec = folder.resolve("manifest.yml");
		Files.writeString(spec, "image: registry.example.com/qnib/bench\n" + COMPONENTS);

		start("--metahub.virtual-images.location=" + folder);

		assertAnalysis(output, "virtual image spec " + spec + ": image 'registry.example.com/qnib/bench' names the "
				+ "registry host 'registry.example.com', which is not one of metahub.upstreams [docker.io]",
				"Correct the spec file named above");
	}

	@Test
	void aBadPropertyValue(CapturedOutput output) {
		start("--metahub.timeouts.upstream-body-idle=0s");

		assertAnalysis(output, "The configuration under 'metahub.timeouts' is invalid: "
				+ "metahub.timeouts.upstream-body-idle must be between 1ms and 1h, got PT0S",
				"README.md, section Configuration");
	}

	@Test
	void anUnreadableCredentialFile(CapturedOutput output) {
		Path missing = folder.resolve("no-such-password");

		start("--metahub.upstream.username=robot", "--metahub.upstream.password-file=" + missing);

		assertAnalysis(output, "The configuration under 'metahub.upstream' is invalid: password-file " + missing
				+ " cannot be read: NoSuchFileException", "Correct that value");
	}

	@Test
	void aPortInUse(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			start("--server.port=" + port);

			assertAnalysis(output, "The gateway cannot listen on port " + port + ": another process already does.",
					"with --server.port=<port> or SERVER_PORT=<port>");
		}
	}

	private static void start(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.add("--server.address=127.0.0.1");
		if (all.stream().noneMatch(argument -> argument.startsWith("--server.port="))) {
			all.add("--server.port=0");
		}
		assertThatThrownBy(() -> new SpringApplicationBuilder(MetahubGatewayApplication.class)
			.run(all.toArray(String[]::new)));
	}

	private static void assertAnalysis(CapturedOutput output, String description, String action) {
		String text = output.getAll();
		assertThat(text).contains("APPLICATION FAILED TO START", "Description:", description, "Action:", action)
			.doesNotContain("\tat ");
	}

}
