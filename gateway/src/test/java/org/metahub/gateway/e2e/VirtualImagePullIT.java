package org.metahub.gateway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo pulls a virtual image through the packaged gateway: the seed project's spec, with one component
 * in another repository of the default upstream and one on a second upstream ({@code ghcr.io}).
 */
class VirtualImagePullIT {

	@TempDir
	static Path specs;

	private static RegistryServer hub;

	private static RegistryServer ghcr;

	private static GatewayProcess gateway;

	private static Pushed broadwell;

	private static Pushed skylake;

	@BeforeAll
	static void start() throws IOException {
		hub = RegistryServer.start();
		ghcr = RegistryServer.start();
		broadwell = RegistryPusher.to(hub).pushImage("seed/bench", "broadwell", "broadwell", true);
		skylake = RegistryPusher.to(ghcr).pushImage("qnib/bench", "skylake", "skylake", false);
		Files.writeString(specs.resolve("bench.yml"), """
				image: qnib/bench:latest
				manifests:
				  - image: seed/bench:broadwell
				    platform: {architecture: amd64, os: linux, features: [cpu:broadwell]}
				  - image: ghcr.io/qnib/bench:skylake
				    platform: {architecture: amd64, os: linux, features: [cpu:skylake]}
				""", StandardCharsets.UTF_8);
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstreams[0].name=docker.io",
				"--metahub.upstreams[0].url=" + hub.url(), "--metahub.upstreams[0].default=true",
				"--metahub.upstreams[1].name=ghcr.io", "--metahub.upstreams[1].url=" + ghcr.url(),
				"--metahub.virtual-images.location=" + specs));
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(gateway, hub, ghcr);
	}

	@Test
	void eachMachineTypeReceivesItsComponentOfTheVirtualImage(@TempDir Path folder) {
		ImageLayout type1 = Skopeo.copy(gateway, "qnib/bench:latest", "qnib-type1:qnib-type1", folder.resolve("type1"));
		ImageLayout type2 = Skopeo.copy(gateway, "qnib/bench:latest", "qnib-type2:qnib-type2", folder.resolve("type2"));

		assertThat(type1.marker()).isEqualTo("broadwell");
		assertThat(type1.manifestDigest()).isEqualTo(broadwell.digest());
		assertThat(type2.marker()).isEqualTo("skylake");
		assertThat(type2.manifestDigest()).isEqualTo(skylake.digest());
	}


}
