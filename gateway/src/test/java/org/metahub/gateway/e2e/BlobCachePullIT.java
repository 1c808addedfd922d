package org.metahub.gateway.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo and containerd pull through the packaged gateway with the blob cache on: the first pull fetches each
 * blob from the registry once, a second pull into an empty client store gets every blob from the cache.
 */
class BlobCachePullIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static Pushed forSkopeo;

	private static Pushed forContainerd;

	@TempDir
	static Path cacheFolder;

	@BeforeAll
	static void start() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		forSkopeo = pusher.pushImage("cached/skopeo", "latest", "pulled-by-skopeo", true);
		forContainerd = pusher.pushImage("cached/containerd", "latest", "pulled-by-containerd", false);
		gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of("--metahub.upstream.url=" + registry.url(),
				"--metahub.blob-cache.enabled=true", "--metahub.blob-cache.path=" + cacheFolder,
				"--metahub.blob-cache.max-size=64MB"));
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(gateway, registry);
	}

	@Test
	void aSecondSkopeoPullIntoAnEmptyFolderGetsEveryBlobFromTheCache(@TempDir Path folder) {
		ImageLayout first = Skopeo.copy(gateway, "cached/skopeo:latest", "qnib-type1:qnib-type1", folder.resolve("first"));
		assertEachBlobFetchedOnce(forSkopeo);

		ImageLayout second = Skopeo.copy(gateway, "cached/skopeo:latest", "qnib-type1:qnib-type1", folder.resolve("second"));

		assertThat(first.marker()).isEqualTo("pulled-by-skopeo");
		assertThat(second.marker()).isEqualTo("pulled-by-skopeo");
		assertThat(second.manifestDigest()).isEqualTo(forSkopeo.digest());
		assertEachBlobFetchedOnce(forSkopeo);
	}

	@Test
	void aSecondContainerdPullWithAnEmptyContentStoreGetsEveryBlobFromTheCache() {
		Containerd first = Containerd.start();
		Containerd second = null;
		try {
			pull(first);
			assertEachBlobFetchedOnce(forContainerd);
			second = Containerd.start();

			pull(second);

			assertThat(second.ctr("content", "ls", "--quiet").assertSucceeded().output())
				.contains(blobDigests(forContainerd));
			assertEachBlobFetchedOnce(forContainerd);
		}
		finally {
			ServerProcess.closeAll(first, second);
		}
	}

	private static void pull(Containerd containerd) {
		containerd.ctr("images", "pull", "--plain-http", "--user", "qnib-type1:qnib-type1", "--snapshotter", "native",
				"--platform", "linux/amd64", gateway.hostAndPort() + "/cached/containerd:latest").assertSucceeded();
	}

	/** The registry answered one GET per blob of the image, however many pulls went through the gateway. */
	private static void assertEachBlobFetchedOnce(Pushed image) {
		for (String digest : blobDigests(image)) {
			Poll.until("the registry logged the GET of " + digest, Duration.ofSeconds(10),
					() -> registry.countRequests("GET", "/blobs/" + digest) >= 1);
			assertThat(registry.countRequests("GET", "/blobs/" + digest)).as("GETs of %s", digest).isEqualTo(1);
		}
	}

	private static List<String> blobDigests(Pushed image) {
		JsonNode manifest = JSON.readTree(image.bytes());
		return List.of(manifest.get("config").get("digest").asString(),
				manifest.get("layers").get(0).get("digest").asString());
	}

}
