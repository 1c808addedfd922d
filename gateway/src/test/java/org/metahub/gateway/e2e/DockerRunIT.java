package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;
import org.metahub.filters.testing.TarGz;
import org.metahub.filters.testing.TarGz.Member;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's demo with the real Docker engine: {@code docker login} as {@code qnib-type1} and {@code qnib-type2},
 * {@code docker run} of one tag whose busybox-based variants print what they were built for, the pulled
 * {@code RepoDigests} pulled again by digest; and the same over TLS with the test CA in docker's {@code certs.d}.
 */
class DockerRunIT {

	private static final String IMAGE = "qnib/variants:latest";

	private static final Path DOCKER_CERTS = Path.of("/etc/docker/certs.d");

	// the C1 compiler only: a gateway serving a few pulls starts with far less CPU
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

	@TempDir
	static Path folder;

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static GatewayProcess tlsGateway;

	private static CompletableFuture<DockerEngine> engine;

	private static DockerEngine docker;

	private static TestCertificateAuthority ca;

	@BeforeAll
	static void start() throws Exception {
		engine = CompletableFuture.supplyAsync(DockerEngine::start);
		registry = RegistryServer.start();
		pushVariants(RegistryPusher.to(registry));
		String upstream = "--metahub.upstream.url=" + registry.url();
		// one after the other: two JVMs starting at once on two busy cores can each outlast the start-up deadline
		gateway = GatewayProcess.start(JVM_OPTIONS, List.of(upstream));
		tlsGateway = startTlsGateway(upstream);
		docker = engine.join();
	}

	/** One busybox layer shared by both variants, and a small layer each holding {@code /variant}. */
	private static void pushVariants(RegistryPusher pusher) throws IOException {
		byte[] busybox = TarGz.of(List.of(Member.directory("bin"),
				Member.file("bin/busybox", 0755, Files.readAllBytes(Path.of("/bin/busybox")))));
		Map<String, Object> config = Map.of("Cmd", List.of("/bin/busybox", "cat", "/variant"));
		List<Entry> entries = new ArrayList<>();
		for (String cpu : List.of("broadwell", "skylake")) {
			byte[] variant = TarGz.singleFile("variant", "built for " + cpu + "\n");
			Pushed image = pusher.pushImage("qnib/variants", null, List.of(busybox, variant), config, false);
			entries.add(Entry.of(image, "amd64", "cpu:" + cpu));
		}
		pusher.pushList("qnib/variants", "latest", false, entries);
	}

	/** A TLS gateway on this machine's own non-loopback address, where docker verifies certificates. */
	private static GatewayProcess startTlsGateway(String upstream) {
		Optional<String> address = nonLoopbackAddress();
		if (address.isEmpty()) {
			return null;
		}
		try {
			ca = TestCertificateAuthority.create(Files.createDirectories(folder.resolve("ca")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TlsSecretFolder secret = new TlsSecretFolder(folder.resolve("tls"), ca.issue("metahub-docker", address.get()));
		List<String> arguments = new ArrayList<>(secret.gatewayArguments());
		arguments.add(upstream);
		return GatewayProcess.startTls(address.get(), ca.trusting(), JVM_OPTIONS, arguments);
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(startedEngine(), tlsGateway, gateway, registry);
	}

	/** The engine, also when the set-up failed before it was taken, so that no dockerd outlives the test. */
	private static DockerEngine startedEngine() {
		try {
			return engine == null ? null : engine.join();
		}
		catch (CompletionException ex) {
			return null;
		}
	}

	@Test
	void eachMachineTypeRunsItsOwnVariantOfTheSameTag() {
		String image = gateway.hostAndPort() + "/" + IMAGE;

		login(gateway, "qnib-type1");
		assertThat(run(image)).isEqualTo("built for broadwell");
		login(gateway, "qnib-type2");
		assertThat(run(image)).isEqualTo("built for skylake");
	}

	@Test
	void thePulledRepoDigestPullsAgainByDigest() {
		String image = gateway.hostAndPort() + "/" + IMAGE;
		login(gateway, "qnib-type1");
		docker.docker("pull", image).assertSucceeded();
		String repoDigests = docker.docker("inspect", "--format", "{{json .RepoDigests}}", image).assertSucceeded()
			.output().trim();
		String pinned = repoDigests.replaceAll("^\\[\"([^\"]+)\".*$", "$1");
		assertThat(pinned).startsWith(gateway.hostAndPort() + "/qnib/variants@sha256:");

		docker.docker("rmi", image).assertSucceeded();
		docker.docker("pull", pinned).assertSucceeded();

		assertThat(run(pinned)).isEqualTo("built for broadwell");
	}

	@Test
	void overTlsDockerTrustsTheGatewayOnlyWithTheCaInItsCertsFolder() throws IOException {
		Assumptions.assumeTrue(tlsGateway != null, "no non-loopback address: docker skips verification on loopback");
		String image = tlsGateway.hostAndPort() + "/" + IMAGE;

		CommandLine untrusted = docker.docker("login", tlsGateway.hostAndPort(), "-u", "qnib-type2", "-p",
				"qnib-type2");
		assertThat(untrusted.exitCode()).isNotZero();
		assertThat(untrusted.output()).contains("x509");

		// dockerd reads only /etc/docker/certs.d/<host:port>/: this one folder is made for the test and removed
		boolean madeCertsFolder = !Files.isDirectory(DOCKER_CERTS);
		Path certs = Files.createDirectories(DOCKER_CERTS.resolve(tlsGateway.hostAndPort()));
		try {
			Files.copy(ca.certificate(), certs.resolve("ca.crt"));
			login(tlsGateway, "qnib-type2");
			assertThat(run(image)).isEqualTo("built for skylake");
		}
		finally {
			Files.deleteIfExists(certs.resolve("ca.crt"));
			Files.delete(certs);
			if (madeCertsFolder) {
				Files.delete(DOCKER_CERTS);
			}
		}
	}

	private static void login(GatewayProcess target, String login) {
		docker.docker("login", target.hostAndPort(), "-u", login, "-p", login).assertSucceeded();
	}

	/** {@code docker run} of the image, pulled again so that the tag is resolved for the current login. */
	private static String run(String image) {
		String output = docker.docker("run", "--rm", "--network", "none", "--pull", "always", image).assertSucceeded()
			.output();
		List<String> lines = output.lines().toList();
		return lines.get(lines.size() - 1);
	}

	private static Optional<String> nonLoopbackAddress() {
		try {
			for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
				if (!nic.isUp() || nic.isLoopback()) {
					continue;
				}
				for (InetAddress address : nic.inetAddresses().toList()) {
					if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
						return Optional.of(address.getHostAddress());
					}
				}
			}
			return Optional.empty();
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
