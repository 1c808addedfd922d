package org.metahub.gateway;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Referrers over CNCF distribution 2.8, which has no referrers API (404): the referrers tag schema answers when
 * it is there, an empty index when not, and the digest of a rewritten list stands for its upstream list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferrersFallbackTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SBOM = "application/vnd.example.sbom.v1+json";

	private static final String SIGNATURE = "application/vnd.example.signature.v1+json";

	private static RegistryServer registry;

	private static Pushed subject;

	private static Pushed sbom;

	private static Pushed signature;

	private static Pushed list;

	private static Pushed listSignature;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		subject = pusher.pushImage("team/app", "1.0", "subject", true);
		sbom = pusher.pushImage("team/app", null, "sbom", true);
		signature = pusher.pushImage("team/app", null, "signature", true);
		pushTagSchema(pusher, subject, List.of(Map.entry(sbom, SBOM), Map.entry(signature, SIGNATURE)));
		Pushed broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		Pushed skylake = pusher.pushImage("team/app", null, "skylake", true);
		list = pusher.pushList("team/app", "latest", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"),
				Entry.of(skylake, "amd64", "cpu:skylake")));
		listSignature = pusher.pushImage("team/app", null, "list-signature", true);
		pushTagSchema(pusher, list, List.of(Map.entry(listSignature, SIGNATURE)));
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	// what a client that finds no referrers API pushes: an index of the referrers under sha256-<hex>
	private static void pushTagSchema(RegistryPusher pusher, Pushed subject, List<Map.Entry<Pushed, String>> referrers) {
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Map.Entry<Pushed, String> referrer : referrers) {
			Map<String, Object> descriptor = new LinkedHashMap<>();
			descriptor.put("mediaType", referrer.getKey().mediaType());
			descriptor.put("digest", referrer.getKey().digest());
			descriptor.put("size", referrer.getKey().size());
			descriptor.put("artifactType", referrer.getValue());
			manifests.add(descriptor);
		}
		Map<String, Object> index = new LinkedHashMap<>();
		index.put("schemaVersion", 2);
		index.put("mediaType", MediaTypes.OCI_INDEX);
		index.put("manifests", manifests);
		pusher.pushManifest("team/app", "sha256-" + subject.digest().substring("sha256:".length()), MediaTypes.OCI_INDEX,
				JSON.writeValueAsBytes(index));
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@Test
	void theTagSchemaAnswersWhenTheUpstreamHasNoReferrersApi() {
		HttpResponse<byte[]> response = gateway().get("/v2/team/app/referrers/" + subject.digest());

		assertIndex(response);
		assertThat(digests(response)).containsExactly(sbom.digest(), signature.digest());
		assertThat(response.headers().firstValue("OCI-Filters-Applied")).isEmpty();
	}

	@Test
	void artifactTypeFiltersAndSaysSo() {
		HttpResponse<byte[]> response = gateway().get("/v2/team/app/referrers/" + subject.digest() + "?artifactType="
				+ URLEncoder.encode(SBOM, StandardCharsets.UTF_8));

		assertIndex(response);
		assertThat(digests(response)).containsExactly(sbom.digest());
		assertThat(response.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
	}

	@Test
	void withoutTheTagSchemaTheAnswerIsAnEmptyIndex() {
		HttpResponse<byte[]> get = gateway().get("/v2/team/app/referrers/" + sbom.digest());
		HttpResponse<byte[]> head = gateway().head("/v2/team/app/referrers/" + sbom.digest());

		assertIndex(get);
		assertThat(JSON.readTree(get.body()).path("schemaVersion").asInt()).isEqualTo(2);
		assertThat(digests(get)).isEmpty();
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
	}

	@Test
	void aRewrittenListsDigestAnswersTheReferrersOfTheUpstreamList() {
		GatewayClient skylakeNode = new GatewayClient(port, GatewayClient.basic("qnib-type2", "qnib-type2"));
		String rewritten = skylakeNode.head("/v2/team/app/manifests/latest", "Accept", MediaTypes.OCI_INDEX)
			.headers().firstValue("Docker-Content-Digest").orElseThrow();
		assertThat(rewritten).isNotEqualTo(list.digest());

		HttpResponse<byte[]> response = skylakeNode.get("/v2/team/app/referrers/" + rewritten);

		assertIndex(response);
		assertThat(digests(response)).containsExactly(listSignature.digest());
	}

	private GatewayClient gateway() {
		return new GatewayClient(port);
	}

	private static void assertIndex(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
		JsonNode root = JSON.readTree(response.body());
		assertThat(root.path("mediaType").asString()).isEqualTo(MediaTypes.OCI_INDEX);
		assertThat(root.path("manifests").isArray()).isTrue();
	}

	private static List<String> digests(HttpResponse<byte[]> response) {
		List<String> digests = new ArrayList<>();
		JSON.readTree(response.body()).path("manifests").forEach(entry -> digests.add(entry.path("digest").asString()));
		return digests;
	}

}
