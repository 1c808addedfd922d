package org.metahub.gateway.observe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A blob pulled through the gateway from a real registry shows up in the metrics and the access log. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MetricsAndAccessLogTest {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	static final RegistryServer registry = RegistryServer.start();

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aBlobPullIsTimedCountedAndLogged(CapturedOutput output) {
		byte[] blob = "metrics blob ".repeat(1000).getBytes(StandardCharsets.UTF_8);
		String digest = RegistryPusher.to(registry).pushBlob("observe/app", blob);
		String before = scrape();
		double requestsBefore = requests(before);
		double bytesBefore = PrometheusText.sample(before, "metahub_bytes_sent_total", "kind=\"blob\"");
		double missesBefore = PrometheusText.sample(before, "metahub_blob_cache_misses_total");
		double fetchedBefore = PrometheusText.sample(before, "metahub_blob_cache_bytes_total", "source=\"upstream\"");

		var response = Http.getBytes(port, "/v2/observe/app/blobs/" + digest);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(blob);
		Poll.until("the request to be counted", DEADLINE, () -> requests(scrape()) == requestsBefore + 1);
		String after = scrape();
		assertThat(PrometheusText.sample(after, "metahub_bytes_sent_total", "kind=\"blob\""))
			.isEqualTo(bytesBefore + blob.length);
		// the blob cache fetched it: its own meters count the upstream's part, not the routing filter's timer
		assertThat(PrometheusText.sample(after, "metahub_blob_cache_misses_total")).isEqualTo(missesBefore + 1);
		assertThat(PrometheusText.sample(after, "metahub_blob_cache_bytes_total", "source=\"upstream\""))
			.isEqualTo(fetchedBefore + blob.length);
		String line = "method=GET path=/v2/observe/app/blobs/" + digest + " status=200 bytes=" + blob.length
				+ " duration_ms=";
		Poll.until("the access log line", DEADLINE, () -> output.getOut().contains(line));
		assertThat(output.getOut().lines().filter(l -> l.contains(line)).findFirst().orElseThrow())
			.contains("metahub.access")
			.contains("kind=blob machine_type=qnib-type1 digest=-");
	}

	@Test
	void springsRequestTimerStaysWithoutItsInFlightTwin() {
		assertThat(Http.get(port, "/v2/").statusCode()).isEqualTo(401);

		Poll.until("Spring's request timer", DEADLINE,
				() -> scrape().contains("http_server_requests_seconds_count{"));
		assertThat(scrape()).doesNotContain("http_server_requests_active_seconds");
	}

	@Test
	void credentialsAndTokenQueriesNeverReachTheLog(CapturedOutput output) {
		String secret = Base64.getEncoder().encodeToString("secretuser:hunter2".getBytes(StandardCharsets.UTF_8));

		Http.get(port, "/token?account=secretuser&service=metahub&scope=repository:observe/app:pull",
				"Authorization", "Basic " + secret);
		Http.get(port, "/v2/_catalog?n=5&last=a&password=hunter2", "Authorization", "Basic " + secret);

		Poll.until("the token request's line", DEADLINE, () -> output.getOut().contains("path=/token status="));
		Poll.until("the catalog request's line", DEADLINE,
				() -> output.getOut().contains("path=\"/v2/_catalog?n=5&last=a\"")
						|| output.getOut().contains("path=/v2/_catalog?n=5&last=a "));
		assertThat(output.getOut()).contains("kind=token machine_type=anonymous")
			.doesNotContain("secretuser")
			.doesNotContain("hunter2")
			.doesNotContain(secret);
		assertThat(output.getErr()).doesNotContain("secretuser").doesNotContain(secret);
	}

	@Test
	void aSuccessfulTokenRequestIsLoggedWithTheMachineTypeItWentTo(CapturedOutput output) {
		String login = Base64.getEncoder().encodeToString("qnib-type2:qnib-type2".getBytes(StandardCharsets.UTF_8));

		assertThat(Http.get(port, "/token?service=metahub&scope=repository:observe/typed:pull", "Authorization",
				"Basic " + login).statusCode()).isEqualTo(200);

		String line = "method=GET path=/token status=200";
		Poll.until("the token request's line", DEADLINE, () -> output.getOut().contains(line));
		assertThat(output.getOut().lines().filter(l -> l.contains(line)).findFirst().orElseThrow())
			.contains("kind=token machine_type=qnib-type2");
	}

	@Test
	void controlCharactersFromTheQueryStayUrlEncodedInTheLog(CapturedOutput output) {
		Http.get(port, "/v2/observe/app/tags/list?last=%1b%5b2J%08%00x&n=1");

		Poll.until("the tag list's line", DEADLINE,
				() -> output.getOut().contains("path=/v2/observe/app/tags/list?last=%1b%5b2J%08%00x&n=1 status="));
		assertThat(output.getOut()).doesNotContain("\u001b").doesNotContain("\b").doesNotContain("\u0000");
	}

	private double requests(String exposition) {
		return PrometheusText.sample(exposition, "metahub_requests_seconds_count", "kind=\"blob\"",
				"machine_type=\"qnib-type1\"", "method=\"GET\"", "status=\"200\"");
	}

	private String scrape() {
		var response = Http.get(port, "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
