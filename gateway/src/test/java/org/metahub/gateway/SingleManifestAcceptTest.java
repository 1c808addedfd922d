package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose Accept takes no list get the entry chosen for their machine type, with the demo types
 * {@code qnib-type1} (Broadwell) and {@code qnib-type2} (Skylake), from a real distribution registry, which by
 * itself would answer the first amd64 entry of a Docker list and 404 for an OCI index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SingleManifestAcceptTest {

	private static RegistryServer registry;

	private static Map<Boolean, Map<String, Pushed>> variants;

	private static Map<Boolean, Pushed> lists;

	private static Pushed dockerImage;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		variants = Map.of(true, push(pusher, true), false, push(pusher, false));
		lists = Map.of(true, pushList(pusher, "oci", true), false, pushList(pusher, "docker", false));
		dockerImage = pusher.pushImage("team/app", "single", "single", false);
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	private static Map<String, Pushed> push(RegistryPusher pusher, boolean oci) {
		return Map.of("generic", pusher.pushImage("team/app", null, "generic-" + oci, oci),
				"qnib-type1", pusher.pushImage("team/app", null, "broadwell-" + oci, oci),
				"qnib-type2", pusher.pushImage("team/app", null, "skylake-" + oci, oci));
	}

	// the generic build first: what a registry picks by itself
	private static Pushed pushList(RegistryPusher pusher, String tag, boolean oci) {
		Map<String, Pushed> images = variants.get(oci);
		return pusher.pushList("team/app", tag, oci, List.of(Entry.of(images.get("generic"), "amd64"),
				Entry.of(images.get("qnib-type1"), "amd64", "cpu:broadwell"),
				Entry.of(images.get("qnib-type2"), "amd64", "cpu:skylake")));
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@Test
	void dockerListAskedForASchema2ManifestGivesEachMachineTypeItsVariant() {
		for (String login : List.of("qnib-type1", "qnib-type2")) {
			assertServesVariant(login, "docker", MediaTypes.DOCKER_MANIFEST, variants.get(false).get(login));
		}
	}

	@Test
	void ociIndexAskedForAnImageManifestGivesEachMachineTypeItsVariant() {
		for (String login : List.of("qnib-type1", "qnib-type2")) {
			assertServesVariant(login, "oci", MediaTypes.OCI_MANIFEST, variants.get(true).get(login));
		}
	}

	@Test
	void withoutAcceptSchema2AndOciManifestsAreTaken() {
		assertServesVariant("qnib-type2", "docker", null, variants.get(false).get("qnib-type2"));
		assertServesVariant("qnib-type1", "oci", null, variants.get(true).get("qnib-type1"));
	}

	@Test
	void theDigestOfAListAskedForAnImageManifestGivesTheVariant() {
		assertServesVariant("qnib-type2", lists.get(true).digest(), MediaTypes.OCI_MANIFEST,
				variants.get(true).get("qnib-type2"));
	}

	@Test
	void aListTypeStillGetsTheList() {
		HttpResponse<byte[]> response = client("qnib-type1").get("/v2/team/app/manifests/oci", "Accept",
				MediaTypes.OCI_INDEX + ", " + MediaTypes.OCI_MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
	}

	@Test
	void anEntryTypeTheAcceptDoesNotTakeIsManifestUnknownNamingWhatIsOffered() {
		GatewayClient client = client("qnib-type1");
		HttpResponse<byte[]> get = client.get("/v2/team/app/manifests/oci", "Accept", MediaTypes.DOCKER_MANIFEST);
		HttpResponse<byte[]> head = client.head("/v2/team/app/manifests/oci", "Accept", MediaTypes.DOCKER_MANIFEST);

		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).contains("MANIFEST_UNKNOWN", MediaTypes.OCI_MANIFEST,
				MediaTypes.OCI_INDEX);
		assertThat(head.statusCode()).isEqualTo(404);
	}

	@Test
	void aSingleImageIsServedAsStoredWhateverTheAccept() {
		for (String accept : new String[] { null, MediaTypes.DOCKER_MANIFEST, "application/json" }) {
			HttpResponse<byte[]> response = accept == null ? client("qnib-type1").get("/v2/team/app/manifests/single")
					: client("qnib-type1").get("/v2/team/app/manifests/single", "Accept", accept);

			assertThat(response.statusCode()).as(accept).isEqualTo(200);
			assertThat(response.body()).as(accept).isEqualTo(dockerImage.bytes());
			assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(dockerImage.digest());
		}
	}

	private void assertServesVariant(String login, String reference, String accept, Pushed expected) {
		GatewayClient client = client(login);
		String path = "/v2/team/app/manifests/" + reference;
		HttpResponse<byte[]> get = accept == null ? client.get(path) : client.get(path, "Accept", accept);
		HttpResponse<byte[]> head = accept == null ? client.head(path) : client.head(path, "Accept", accept);
		for (HttpResponse<byte[]> response : List.of(get, head)) {
			String what = login + " " + response.request().method() + " " + reference;
			assertThat(response.statusCode()).as(what).isEqualTo(200);
			assertThat(response.headers().firstValue("Docker-Content-Digest")).as(what).hasValue(expected.digest());
			assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue(expected.mediaType());
			assertThat(response.headers().firstValueAsLong("Content-Length")).as(what).hasValue(expected.size());
		}
		assertThat(get.body()).isEqualTo(expected.bytes());
		assertThat(head.body()).isEmpty();
	}

	private GatewayClient client(String login) {
		return new GatewayClient(port, GatewayClient.basic(login, login));
	}

}
