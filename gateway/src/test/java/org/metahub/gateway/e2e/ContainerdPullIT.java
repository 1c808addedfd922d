package org.metahub.gateway.e2e;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * containerd, the runtime of Kubernetes nodes, pulls through the packaged gateway. It resolves a tag
 * with HEAD, fetches the list again by the digest that HEAD announced, and verifies every manifest
 * against the digest it asked for: the rewritten list must be served under its own digest.
 */
class ContainerdPullIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static Containerd containerd;

	private static Pushed broadwell;

	private static Pushed skylake;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed generic = pusher.pushImage("qnib/bench", null, "generic", true);
		broadwell = pusher.pushImage("qnib/bench", null, "broadwell", true);
		skylake = pusher.pushImage("qnib/bench", null, "skylake", true);
		pusher.pushList("qnib/bench", "latest", true, List.of(Entry.of(generic, "amd64"),
				Entry.of(broadwell, "amd64", "cpu:broadwell"), Entry.of(skylake, "amd64", "cpu:skylake")));
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstream.url=" + registry.url()));
		containerd = Containerd.start();
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable server : new AutoCloseable[] { containerd, gateway, registry }) {
			try {
				if (server != null) {
					server.close();
				}
			}
			catch (Exception ex) {
				// keep closing the others
			}
		}
	}

	@Test
	void eachMachineTypeUnpacksItsOwnVariantAndTheListVerifiesAgainstItsDigest() {
		String type1Image = pull("qnib-type1", "qnib-type1");
		String type2Image = pull("qnib-type2", "qnib-type2");

		assertThat(type1Image).isEqualTo(broadwell.digest());
		assertThat(type2Image).isEqualTo(skylake.digest());
	}

	/** Pulls as the login into a namespace of its own and returns the digest of the image manifest unpacked. */
	private static String pull(String login, String password) {
		String reference = gateway.hostAndPort() + "/qnib/bench:latest";
		containerd.ctr("--namespace", login, "images", "pull", "--plain-http", "--user", login + ":" + password,
				"--snapshotter", "native", "--platform", "linux/amd64", reference).assertSucceeded();
		String listDigest = containerd.ctr("--namespace", login, "images", "ls", "--quiet").output().lines()
			.filter(reference::equals).findFirst()
			.map(name -> targetDigest(login, name))
			.orElseThrow(() -> new AssertionError("containerd did not record " + reference));
		String list = containerd.ctr("--namespace", login, "content", "get", listDigest).assertSucceeded().output();
		return JSON.readTree(list).get("manifests").get(0).get("digest").asString();
	}

	private static String targetDigest(String namespace, String name) {
		String row = containerd.ctr("--namespace", namespace, "images", "ls").assertSucceeded().output().lines()
			.filter(line -> line.startsWith(name + " "))
			.findFirst()
			.orElseThrow();
		return java.util.Arrays.stream(row.split("\\s+")).filter(field -> field.startsWith("sha256:")).findFirst()
			.orElseThrow();
	}

}
