package org.metahub.gateway.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo pulls through the packaged gateway with machine types given on the command line: implied features
 * choose among named builds, and amd64 variants are matched as x86-64 levels and served as plain amd64.
 */
class MatchingPullIT {

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static Pushed broadwell;

	private static Pushed baseline;

	private static Pushed v3;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		broadwell = pusher.pushImage("qnib/cpu", null, "broadwell", true);
		Pushed haswell = pusher.pushImage("qnib/cpu", null, "haswell", true);
		pusher.pushList("qnib/cpu", "latest", true, List.of(Entry.of(haswell, "amd64", "cpu:haswell"),
				Entry.of(broadwell, "amd64", "cpu:broadwell")));
		baseline = pusher.pushImage("qnib/levels", null, "baseline", true);
		v3 = pusher.pushImage("qnib/levels", null, "v3", true);
		Pushed arm = pusher.pushImage("qnib/levels", null, "arm64", true);
		pusher.pushList("qnib/levels", "latest", true, List.of(Entry.of(baseline, "amd64"),
				new Entry(v3, "linux", "amd64", "v3", List.of(), false), Entry.of(arm, "arm64")));
		List<String> arguments = new ArrayList<>();
		arguments.add("--metahub.upstream.url=" + registry.url());
		machineType(arguments, 0, "skylake-node", "cpu:skylake");
		machineType(arguments, 1, "broadwell-node", "cpu:broadwell");
		machineType(arguments, 2, "westmere-node", "cpu:westmere");
		gateway = GatewayProcess.start(List.of("-Xmx256m"), arguments);
	}

	// every element of the list in one source, or Spring Boot would merge it with the embedded demo types
	private static void machineType(List<String> arguments, int index, String login, String feature) {
		String prefix = "--metahub.machine-types[" + index + "].";
		arguments.add(prefix + "login=" + login);
		arguments.add(prefix + "password={noop}" + login);
		arguments.add(prefix + "features[0]=" + feature);
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(gateway, registry);
	}

	@Test
	void aSkylakeMachineOfferedBroadwellAndHaswellGetsBroadwell(@TempDir Path folder) {
		ImageLayout pulled = Skopeo.copy(gateway, "qnib/cpu:latest", "skylake-node:skylake-node", folder.resolve("skylake-node"));

		assertThat(pulled.marker()).isEqualTo("broadwell");
		assertThat(pulled.manifestDigest()).isEqualTo(broadwell.digest());
	}

	@Test
	void anAmd64V3EntryServesABroadwellHost(@TempDir Path folder) {
		ImageLayout pulled = Skopeo.copy(gateway, "qnib/levels:latest", "broadwell-node:broadwell-node", folder.resolve("broadwell-node"));

		assertThat(pulled.marker()).isEqualTo("v3");
		assertThat(pulled.manifestDigest()).isEqualTo(v3.digest());
	}

	@Test
	void anOlderHostGetsTheBaselineInsteadOfTheV3Entry(@TempDir Path folder) {
		ImageLayout pulled = Skopeo.copy(gateway, "qnib/levels:latest", "westmere-node:westmere-node", folder.resolve("westmere-node"));

		assertThat(pulled.marker()).isEqualTo("baseline");
		assertThat(pulled.manifestDigest()).isEqualTo(baseline.digest());
	}

	@Test
	void theRewrittenListOffersTheV3EntryAsPlainAmd64() {
		CommandLine inspect = Skopeo.run("inspect", "--raw", "--tls-verify=false", "--creds", "broadwell-node:broadwell-node",
				"docker://" + gateway.hostAndPort() + "/qnib/levels:latest").assertSucceeded();

		assertThat(inspect.output()).contains(v3.digest()).doesNotContain(baseline.digest())
			.doesNotContain("\"variant\":\"v3\"");
	}



}
