package org.metahub.gateway.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
 * containerd, the runtime of Kubernetes nodes, pulls through the packaged gateway. It resolves a tag
 * with HEAD, fetches the list again by the digest that HEAD announced, and verifies every manifest
 * against the digest it asked for: the rewritten list must be served under its own digest.
 */
class ContainerdPullIT {

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static Containerd containerd;

	private static Pushed broadwell;

	private static Pushed skylake;

	private static Pushed baseline;

	private static Pushed levelV3;

	private static Pushed broadwellBuild;

	private static Pushed virtualSkylake;

	@TempDir
	static Path specs;

	@BeforeAll
	static void start() throws Exception {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed generic = pusher.pushImage("qnib/bench", null, "generic", true);
		broadwell = pusher.pushImage("qnib/bench", null, "broadwell", true);
		skylake = pusher.pushImage("qnib/bench", null, "skylake", true);
		pusher.pushList("qnib/bench", "latest", true, List.of(Entry.of(generic, "amd64"),
				Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake")));
		baseline = pusher.pushImage("qnib/levels", null, "baseline", true);
		levelV3 = pusher.pushImage("qnib/levels", null, "x86-64-v3", true);
		pusher.pushList("qnib/levels", "latest", true, List.of(Entry.of(baseline, "amd64"),
				new Entry(levelV3, "linux", "amd64", "v3", List.of(), false)));
		Pushed haswellBuild = pusher.pushImage("qnib/older-builds", null, "haswell", true);
		broadwellBuild = pusher.pushImage("qnib/older-builds", null, "broadwell", true);
		pusher.pushList("qnib/older-builds", "latest", true, List.of(Entry.of(haswellBuild, "amd64", "cpu:haswell"),
				Entry.of(broadwellBuild, "amd64", "cpu:broadwell")));
		pusher.pushImage("seed/components", "broadwell", "virtual-broadwell", true);
		virtualSkylake = pusher.pushImage("seed/components", "skylake", "virtual-skylake", false);
		Files.writeString(specs.resolve("manifest.yml"), """
				image: seed/virtual:latest
				manifests:
				  - image: seed/components:broadwell
				    platform: {architecture: amd64, os: linux, features: [cpu:broadwell]}
				  - image: seed/components:skylake
				    platform: {architecture: amd64, os: linux, features: [cpu:skylake]}
				""");
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstream.url=" + registry.url(),
				"--metahub.virtual-images.location=" + specs,
				"--metahub.machine-types[0].login=qnib-type1", "--metahub.machine-types[0].password={noop}qnib-type1",
				"--metahub.machine-types[0].features[0]=cpu:broadwell",
				"--metahub.machine-types[1].login=qnib-type2", "--metahub.machine-types[1].password={noop}qnib-type2",
				"--metahub.machine-types[1].features[0]=cpu:skylake",
				"--metahub.machine-types[2].login=old-node", "--metahub.machine-types[2].password={noop}old-node",
				"--metahub.machine-types[2].features[0]=cpu:westmere"));
		containerd = Containerd.start();
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(containerd, gateway, registry);
	}

	@Test
	void eachMachineTypeUnpacksItsOwnVariantAndTheListVerifiesAgainstItsDigest() {
		String type1Image = pull("qnib-type1", "qnib-type1");
		String type2Image = pull("qnib-type2", "qnib-type2");

		assertThat(type1Image).isEqualTo(broadwell.digest());
		assertThat(type2Image).isEqualTo(skylake.digest());
	}

	/** containerd never picks an amd64/v3 entry by itself: the gateway chooses and emits it as plain amd64. */
	@Test
	void anAmd64V3EntryReachesABroadwellNodeAndNotAnOlderOne() {
		assertThat(pull("qnib-type1", "qnib-type1", "qnib/levels:latest")).isEqualTo(levelV3.digest());
		assertThat(pull("old-node", "old-node", "qnib/levels:latest")).isEqualTo(baseline.digest());
	}

	@Test
	void theSeedsManifestSpecIsServedAsAVirtualImage() {
		assertThat(pull("qnib-type2", "qnib-type2", "seed/virtual:latest")).isEqualTo(virtualSkylake.digest());
	}

	@Test
	void aSkylakeNodeTakesTheBroadwellBuildWhenOnlyBroadwellAndHaswellAreOffered() {
		assertThat(pull("qnib-type2", "qnib-type2", "qnib/older-builds:latest")).isEqualTo(broadwellBuild.digest());
	}

	/**
	 * A node configured as the Helm chart's node login does it: a {@code hosts.toml} mirror entry for the
	 * registry that points at the gateway with a static {@code Authorization} header. containerd sends
	 * {@code ?ns=<registry>}, which routes to the upstream of that name; no challenge, no credentials flag.
	 */
	@Test
	void aHostsTomlMirrorWithAStaticHeaderPullsThroughTheGatewayAsTheNodesMachineType(@TempDir Path hosts)
			throws Exception {
		String registryHost = "127.0.0.1:" + registry.port();
		Path mirror = Files.createDirectories(hosts.resolve(registryHost));
		String header = Base64.getEncoder().encodeToString("qnib-type2:qnib-type2".getBytes(StandardCharsets.UTF_8));
		Files.writeString(mirror.resolve("hosts.toml"), """
				server = "http://%s"

				[host."http://%s"]
				  capabilities = ["pull", "resolve"]

				[host."http://%s".header]
				  Authorization = ["Basic %s"]
				""".formatted(registryHost, gateway.hostAndPort(), gateway.hostAndPort(), header));
		String reference = registryHost + "/qnib/bench:latest";

		containerd.ctr("--namespace", "mirror", "images", "pull", "--hosts-dir", hosts.toString(), "--snapshotter",
				"native", "--platform", "linux/amd64", reference).assertSucceeded();

		// had containerd fallen back to the registry itself, it would hold the unrewritten list (generic first)
		assertThat(chosenImage("mirror", reference)).isEqualTo(skylake.digest());
		// the access log keeps the query as it arrived: containerd encodes the host's colon
		assertThat(gateway.log()).contains("ns=" + registryHost.replace(":", "%3A"));
	}

	/** Pulls as the login into a namespace of its own and returns the digest of the image manifest unpacked. */
	private static String pull(String login, String password) {
		return pull(login, password, "qnib/bench:latest");
	}

	private static String pull(String login, String password, String image) {
		return containerd.pull(login, password, gateway.hostAndPort() + "/" + image);
	}

	private static String chosenImage(String login, String reference) {
		return containerd.chosenImage(login, reference);
	}

}
