package org.metahub.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full login-and-pull run, with debug logging on, leaves no password, credential or token in the
 * gateway's log: docker-style and containerd-style logins, a refresh, a skopeo pull, a Bearer pull.
 */
class NoSecretsInLogsIT {

	private static final String PASSWORD = "S3cret-Pa55-w0rd";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void noPasswordCredentialOrTokenAppearsInTheLog(@TempDir Path folder) throws Exception {
		try (RegistryServer registry = RegistryServer.start();
				GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m"), List.of(
						"--metahub.upstream.url=" + registry.url(), "--metahub.machine-types[0].name=secure-node",
						"--metahub.machine-types[0].login=secure-node",
						"--metahub.machine-types[0].password={noop}" + PASSWORD,
						"--metahub.machine-types[0].features[0]=cpu:skylake", "--logging.level.org.metahub=DEBUG",
						"--logging.level.org.springframework.cloud.gateway=DEBUG"))) {
			RegistryPusher pusher = RegistryPusher.to(registry);
			Pushed skylake = pusher.pushImage("team/app", null, "skylake", true);
			pusher.pushList("team/app", "1.0", true, List.of(Entry.of(skylake, "amd64", "cpu:skylake")));
			String basic = Base64.getEncoder()
				.encodeToString(("secure-node:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			List<String> secrets = new ArrayList<>(List.of(PASSWORD, basic));

			JsonNode dockerLogin = json(http.send(HttpRequest.newBuilder(URI.create(gateway.url()
					+ "/token?service=metahub&scope=repository:team/app:pull&offline_token=true&client_id=docker"))
				.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString()));
			JsonNode containerdLogin = json(http.send(form(gateway, "grant_type=password&username=secure-node&password="
					+ PASSWORD + "&client_id=containerd-client&scope=repository:team/app:pull&service=metahub&access_type=offline"),
					HttpResponse.BodyHandlers.ofString()));
			JsonNode refreshed = json(http.send(form(gateway, "grant_type=refresh_token&refresh_token="
					+ containerdLogin.get("refresh_token").asString() + "&client_id=containerd-client&service=metahub"
					+ "&scope=repository:team/app:pull"), HttpResponse.BodyHandlers.ofString()));
			for (JsonNode answer : List.of(dockerLogin, containerdLogin, refreshed)) {
				secrets.add(answer.get("token").asString());
				if (answer.has("refresh_token")) {
					secrets.add(answer.get("refresh_token").asString());
				}
			}
			HttpResponse<String> bearerPull = http.send(HttpRequest
				.newBuilder(URI.create(gateway.url() + "/v2/team/app/manifests/1.0"))
				.header("Authorization", "Bearer " + dockerLogin.get("token").asString())
				.header("Accept", "application/vnd.oci.image.index.v1+json")
				.build(), HttpResponse.BodyHandlers.ofString());
			CommandLine.run(List.of("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "--src-creds",
					"secure-node:" + PASSWORD, "docker://" + gateway.hostAndPort() + "/team/app:1.0",
					"dir:" + folder.resolve("pulled"))).assertSucceeded();

			assertThat(bearerPull.statusCode()).isEqualTo(200);
			assertThat(new ImageLayout(folder.resolve("pulled")).marker()).isEqualTo("skylake");
			String log = gateway.log();
			assertThat(log).contains("metahub.access").contains("secure-node");
			for (String secret : secrets) {
				assertThat(log).as("the log must not contain a secret").doesNotContain(secret);
			}
		}
	}

	private static HttpRequest form(GatewayProcess gateway, String body) {
		return HttpRequest.newBuilder(URI.create(gateway.url() + "/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
