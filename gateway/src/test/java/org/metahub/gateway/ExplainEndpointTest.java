package org.metahub.gateway;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.oci.Digests;
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

/** {@code GET /metahub/v1/explain} in front of a real registry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "metahub.admin.username=root", "metahub.admin.password={noop}admin-secret",
				"metahub.machine-types[0].login=skylake", "metahub.machine-types[0].password={noop}x",
				"metahub.machine-types[0].features[0]=cpu:skylake",
				"metahub.machine-types[1].login=strict", "metahub.machine-types[1].password={noop}x",
				"metahub.machine-types[1].features[0]=nvcap:8.0", "metahub.machine-types[1].fallback=none" })
class ExplainEndpointTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN = GatewayClient.basic("root", "admin-secret");

	private static RegistryServer registry;

	private static Pushed broadwell;

	private static Pushed haswell;

	private static Pushed generic;

	private static Pushed v3;

	private static Pushed arm;

	private static Pushed list;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void pushImages() {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		generic = pusher.pushImage("team/app", null, "generic", true);
		haswell = pusher.pushImage("team/app", null, "haswell", true);
		broadwell = pusher.pushImage("team/app", null, "broadwell", true);
		v3 = pusher.pushImage("team/app", null, "v3", true);
		arm = pusher.pushImage("team/app", null, "arm", true);
		list = pusher.pushList("team/app", "latest", true, List.of(Entry.of(generic, "amd64"),
				Entry.of(haswell, "amd64", "cpu:haswell"), Entry.of(broadwell, "amd64", "cpu:broadwell"),
				new Entry(v3, "linux", "amd64", "v3", List.of(), false), Entry.of(arm, "arm64")));
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@Test
	void explainsEachEntryAndTheDigestTheLoginReceives() {
		HttpResponse<byte[]> response = explain("team/app:latest", "skylake", ADMIN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("application/json"));
		JsonNode body = JSON.readTree(response.body());

		assertThat(body.get("image").asString()).isEqualTo("team/app:latest");
		assertThat(body.get("login").asString()).isEqualTo("skylake");
		assertThat(body.get("machineType").asString()).isEqualTo("skylake");
		assertThat(body.get("platform").asString()).isEqualTo("linux/amd64");
		assertThat(texts(body.get("declaredFeatures"))).containsExactly("cpu:skylake");
		assertThat(texts(body.get("impliedFeatures"))).contains("cpu:broadwell", "cpu:haswell", "cpu:x86-64-v3")
			.doesNotContain("cpu:skylake", "cpu:skylake-avx512");
		assertThat(body.get("upstreamDigest").asString()).isEqualTo(list.digest());
		assertThat(body.get("outcome").asString()).isEqualTo("rewritten");
		JsonNode entries = body.get("entries");
		assertThat(entries).hasSize(5);
		assertThat(entries.valueStream().map(e -> e.get("verdict").asString()).toList())
			.containsExactly("fallback", "compatible", "chosen", "compatible", "other-platform-kept");
		assertThat(entries.get(1).get("outrankedBy").asString()).isEqualTo(broadwell.digest());
		assertThat(entries.get(2).get("digest").asString()).isEqualTo(broadwell.digest());
		assertThat(entries.get(3).get("platform").asString()).isEqualTo("linux/amd64/v3");
		assertThat(texts(entries.get(3).get("requiredFeatures"))).containsExactly("cpu:x86-64-v3");
		assertThat(entries.get(4).get("reason").asString()).contains("linux/arm64");
		assertThat(texts(body.get("chosen"))).containsExactly(broadwell.digest());

		// the explanation and the behaviour come from one code path: the login receives exactly that digest
		HttpResponse<byte[]> pulled = new GatewayClient(port, GatewayClient.basic("skylake", "x"))
			.get("/v2/team/app/manifests/latest", "Accept", ManifestSelectionIntegrationTest.ACCEPT_ALL);
		assertThat(pulled.statusCode()).isEqualTo(200);
		assertThat(Digests.sha256(pulled.body())).isEqualTo(body.get("servedDigest").asString());
	}

	@Test
	void namesTheMissingFeaturesAndA404ForAMachineWithoutFallback() {
		JsonNode body = JSON.readTree(explain("team/app:latest", "strict", ADMIN).body());

		assertThat(body.get("outcome").asString()).isEqualTo("manifest-unknown");
		assertThat(body.get("fallback").asString()).isEqualTo("none");
		assertThat(body.has("servedDigest")).isFalse();
		assertThat(body.get("error").asString()).startsWith("404 MANIFEST_UNKNOWN");
		JsonNode entries = body.get("entries");
		assertThat(entries.get(0).get("verdict").asString()).isEqualTo("fallback-disabled");
		assertThat(entries.get(1).get("verdict").asString()).isEqualTo("incompatible");
		assertThat(texts(entries.get(1).get("missingFeatures"))).containsExactly("cpu:haswell");
		assertThat(texts(entries.get(3).get("missingFeatures"))).containsExactly("cpu:x86-64-v3");
		assertThat(body.get("chosen")).isEmpty();
	}

	@Test
	void explainsASingleImageAsPassingThrough() {
		JsonNode body = JSON.readTree(explain("team/app@" + broadwell.digest(), "skylake", ADMIN).body());
		assertThat(body.get("outcome").asString()).isEqualTo("not-a-list");
		assertThat(body.get("servedDigest").asString()).isEqualTo(broadwell.digest());
	}

	@Test
	void missingOrWrongCredentialsAre401WithABasicChallenge() {
		for (String authorization : new String[] { null, GatewayClient.basic("root", "wrong"),
				GatewayClient.basic("nobody", "admin-secret"), "Bearer abc" }) {
			HttpResponse<byte[]> response = explain("team/app:latest", "skylake", authorization);
			assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"metahub-admin\"");
			assertThat(code(response)).isEqualTo("UNAUTHORIZED");
		}
	}

	@Test
	void aMachineTypeLoginIsNotAnAdministrator() {
		HttpResponse<byte[]> response = explain("team/app:latest", "skylake", GatewayClient.basic("skylake", "x"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"metahub-admin\"");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "NULL", value = { "NULL, UNSUPPORTED", "team/app, UNSUPPORTED",
			"Team/App:latest, NAME_INVALID", "team/app:-bad, UNSUPPORTED", "team/app:, UNSUPPORTED",
			"team/app@sha256:abc, DIGEST_INVALID", "/app:latest, NAME_INVALID" })
	void malformedImagesAre400(String image, String code) {
		HttpResponse<byte[]> response = explain(image, "skylake", ADMIN);
		assertThat(response.statusCode()).as(image).isEqualTo(400);
		assertThat(code(response)).isEqualTo(code);
	}

	@Test
	void missingLoginIs400AndUnknownLoginIs404() {
		HttpResponse<byte[]> missing = explain("team/app:latest", null, ADMIN);
		assertThat(missing.statusCode()).isEqualTo(400);
		HttpResponse<byte[]> unknown = explain("team/app:latest", "nobody", ADMIN);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(code(unknown)).isEqualTo("NAME_UNKNOWN");
		assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no machine type has login 'nobody'");
	}

	@Test
	void anImageTheUpstreamDoesNotHaveIs404() {
		HttpResponse<byte[]> response = explain("team/app:missing", "skylake", ADMIN);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(code(response)).isEqualTo("MANIFEST_UNKNOWN");
	}

	private HttpResponse<byte[]> explain(String image, String login, String authorization) {
		StringBuilder query = new StringBuilder("/metahub/v1/explain?");
		if (image != null) {
			query.append("image=").append(URLEncoder.encode(image, StandardCharsets.UTF_8)).append('&');
		}
		if (login != null) {
			query.append("login=").append(URLEncoder.encode(login, StandardCharsets.UTF_8));
		}
		return new GatewayClient(port, authorization).get(query.toString());
	}

	private static String code(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body()).get("errors").get(0).get("code").asString();
	}

	private static List<String> texts(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
