package org.metahub.gateway.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real client, skopeo, pulls through the packaged gateway from a real registry with the embedded
 * demo machine types: {@code qnib-type1} ({@code cpu:broadwell}) and {@code qnib-type2} ({@code cpu:skylake}).
 */
class SkopeoPullIT {

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static Pushed broadwell;

	private static Pushed skylake;

	private static Pushed annotatedBroadwell;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed generic = pusher.pushImage("qnib/bench", null, "generic", true);
		broadwell = pusher.pushImage("qnib/bench", null, "broadwell", true);
		skylake = pusher.pushImage("qnib/bench", null, "skylake", true);
		Pushed arm = pusher.pushImage("qnib/bench", null, "arm64", true);
		pusher.pushList("qnib/bench", "latest", true, List.of(Entry.of(generic, "amd64"),
				Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake"),
				Entry.of(arm, "arm64")));
		Pushed plain = pusher.pushImage("qnib/docker-list", null, "plain", false);
		annotatedBroadwell = pusher.pushImage("qnib/docker-list", null, "annotated-broadwell", false);
		pusher.pushList("qnib/docker-list", "1.0", false, List.of(Entry.of(plain, "amd64"),
				new Entry(annotatedBroadwell, "linux", "amd64", null, List.of("cpu:broadwell"), true)));
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstream.url=" + registry.url()));
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(gateway, registry);
	}

	@Test
	void eachMachineTypeReceivesItsOwnVariantOfTheSameTag(@TempDir Path folder) {
		ImageLayout type1 = Skopeo.copy(gateway, "qnib/bench:latest", "qnib-type1:qnib-type1", folder.resolve("type1"));
		ImageLayout type2 = Skopeo.copy(gateway, "qnib/bench:latest", "qnib-type2:qnib-type2", folder.resolve("type2"));

		assertThat(type1.marker()).isEqualTo("broadwell");
		assertThat(type1.manifestDigest()).isEqualTo(broadwell.digest());
		assertThat(type2.marker()).isEqualTo("skylake");
		assertThat(type2.manifestDigest()).isEqualTo(skylake.digest());
	}

	@Test
	void featuresInTheAnnotationOfADockerListAreHonoured(@TempDir Path folder) {
		ImageLayout type1 = Skopeo.copy(gateway, "qnib/docker-list:1.0", "qnib-type1:qnib-type1", folder.resolve("type1"));

		assertThat(type1.marker()).isEqualTo("annotated-broadwell");
		assertThat(type1.manifestDigest()).isEqualTo(annotatedBroadwell.digest());
	}

	@Test
	void aPullByTheDigestOfTheRewrittenListWorks(@TempDir Path folder) throws Exception {
		CommandLine inspect = Skopeo.run("inspect", "--raw", "--tls-verify=false", "--creds", "qnib-type1:qnib-type1",
				"docker://" + gateway.hostAndPort() + "/qnib/bench:latest").assertSucceeded();
		String rewrittenDigest = Digests.sha256(inspect.output().trim().getBytes(StandardCharsets.UTF_8));

		ImageLayout pinned = Skopeo.copy(gateway, "qnib/bench@" + rewrittenDigest, "qnib-type1:qnib-type1", folder.resolve("pinned"));

		assertThat(inspect.output()).contains(broadwell.digest()).doesNotContain(skylake.digest());
		assertThat(pinned.marker()).isEqualTo("broadwell");
	}

	@Test
	void aWrongPasswordIsRefused(@TempDir Path folder) {
		CommandLine result = Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", "qnib-type1:wrong",
				"docker://" + gateway.hostAndPort() + "/qnib/bench:latest", "dir:" + folder.resolve("refused"));

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).containsIgnoringCase("unauthorized");
	}



}
