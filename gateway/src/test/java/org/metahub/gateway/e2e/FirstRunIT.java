package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first run as a user of the seed project makes it: the packaged gateway serves the seed's own
 * {@code manifest.yml}, unchanged ({@code image: docker.io/qnib/bench}), to skopeo and containerd; the
 * start-up log says which upstreams answer; an upstream refusing the gateway's credentials is explained in
 * skopeo's error.
 */
class FirstRunIT {

	@TempDir
	static Path specs;

	private static final int NOBODY = FreePorts.next();

	private static RegistryServer hub;

	private static RegistryServer privateRegistry;

	private static GatewayProcess gateway;

	private static Containerd containerd;

	private static Pushed skylake;

	private static Pushed broadwell;

	@BeforeAll
	static void start() throws IOException {
		hub = RegistryServer.start();
		privateRegistry = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();
		RegistryPusher pusher = RegistryPusher.to(hub);
		skylake = pusher.pushImage("qnib/plain-featuretest", "cpu-skylake", "skylake", true);
		broadwell = pusher.pushImage("qnib/plain-featuretest", "cpu-broadwell", "broadwell", false);
		try (InputStream seed = FirstRunIT.class.getResourceAsStream("seed/manifest.yml")) {
			Files.copy(seed, specs.resolve("manifest.yml"));
		}
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstreams[0].name=docker.io",
				"--metahub.upstreams[0].url=" + hub.url(), "--metahub.upstreams[0].default=true",
				"--metahub.upstreams[1].name=refused.example", "--metahub.upstreams[1].url=http://127.0.0.1:" + NOBODY,
				"--metahub.upstreams[2].name=private.example", "--metahub.upstreams[2].url=" + privateRegistry.url(),
				"--metahub.upstreams[2].username=mirror", "--metahub.upstreams[2].password=wrong-secret",
				"--metahub.virtual-images.location=" + specs));
		containerd = Containerd.start();
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(containerd, gateway, hub, privateRegistry);
	}

	@Test
	void skopeoPullsTheSeedsVirtualImageByItsPlainName(@TempDir Path folder) {
		ImageLayout pulled = Skopeo.copy(gateway, "qnib/bench:latest", "qnib-type2:qnib-type2", folder.resolve("type2"));

		assertThat(pulled.marker()).isEqualTo("skylake");
		assertThat(pulled.manifestDigest()).isEqualTo(skylake.digest());
	}

	@Test
	void containerdPullsTheSeedsVirtualImageByItsPlainName() {
		assertThat(containerd.pull("qnib-type1", "qnib-type1", gateway.hostAndPort() + "/qnib/bench:latest"))
			.isEqualTo(broadwell.digest());
	}

	@Test
	void theStartUpLogSaysWhichUpstreamsAnswer() {
		Poll.until("the start-up probe's lines", java.time.Duration.ofSeconds(30),
				() -> gateway.log().contains("upstream docker.io (" + hub.url() + "): reachable, anonymous")
						&& gateway.log().contains("upstream refused.example (http://127.0.0.1:" + NOBODY
								+ "): unreachable: connection refused by 127.0.0.1:" + NOBODY + " (nothing listens there)"));
	}

	// skopeo (containers/image) prints the error document of a 4xx; of a 5xx only the status line
	@Test
	void skopeosErrorNamesTheUpstreamThatRefusedTheGatewaysCredentials() {
		CommandLine inspect = Skopeo.run("inspect", "--tls-verify=false", "--no-tags", "--creds", "qnib-type1:qnib-type1",
				"docker://" + gateway.hostAndPort() + "/private.example/team/app:1");

		assertThat(inspect.exitCode()).isNotZero();
		assertThat(inspect.output()).contains("upstream private.example (" + privateRegistry.url() + ") answered 401 "
				+ "Unauthorized to the gateway's credentials for it: check its username and password")
			.doesNotContain("wrong-secret");
	}

}
