package org.metahub.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.Poll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's qnib/bench example ({@code examples/qnib-bench.sh}) as a user runs it: twice in a row against the same
 * running gateway, each time with a fresh registry (the gateway has the tag cached from the first run), and with
 * {@code --keep}, starting the gateway itself and leaving both running until the printed command stops them.
 */
class ExampleScriptIT {

	private static final Path SCRIPT = Path.of("..", "examples", "qnib-bench.sh").toAbsolutePath().normalize();

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	@Test
	void runsTwiceInARowAgainstTheSameGatewayWithAFreshRegistryEachTime() {
		String registry = "127.0.0.1:" + FreePorts.next();
		try (GatewayProcess gateway = GatewayProcess.start(List.of(),
				List.of("--metahub.upstream.url=http://" + registry))) {
			Map<String, String> environment = Map.of("REGISTRY", registry, "GATEWAY", gateway.hostAndPort());
			for (int run = 1; run <= 2; run++) {
				String output = CommandLine.run(List.of(SCRIPT.toString()), environment).assertSucceeded().output();
				assertThat(output).as("run " + run).contains("qnib-type1: built for broadwell", "qnib-type2: built for skylake");
				assertThat(answers("http://" + registry + "/v2/")).as("the script stopped its registry").isFalse();
			}
		}
	}

	@Test
	void withKeepItStartsTheGatewayAndLeavesBothRunningUntilThePrintedCommandStopsThem() {
		String registry = "127.0.0.1:" + FreePorts.next();
		String gateway = "127.0.0.1:" + FreePorts.next();
		String output = CommandLine.run(List.of(SCRIPT.toString(), "--keep"), Map.of("REGISTRY", registry, "GATEWAY",
				gateway, "JAR", GatewayProcess.jar().toAbsolutePath().toString())).assertSucceeded().output();

		assertThat(output).contains("qnib-type1: built for broadwell", "qnib-type2: built for skylake");
		Matcher stop = Pattern.compile("left running: registry gateway \\(pids [0-9 ]+\\); stop with: (.+)").matcher(output);
		assertThat(stop.find()).as(output).isTrue();
		try {
			assertThat(answers("http://" + registry + "/v2/")).isTrue();
			assertThat(answers("http://" + gateway + "/v2/")).isTrue();
		}
		finally {
			CommandLine.run(List.of("bash", "-c", stop.group(1))).assertSucceeded();
		}
		Poll.until("both to stop", DEADLINE,
				() -> !answers("http://" + registry + "/v2/") && !answers("http://" + gateway + "/v2/"));
	}

	private static boolean answers(String url) {
		try {
			int status = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
			return status == 200 || status == 401;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
