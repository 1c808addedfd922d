package org.metahub.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.session.LoginFailures;
import org.metahub.filters.session.RedisLoginFailures;
import org.metahub.filters.testing.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas sharing one redis-server: failures on either count for both, on every path that
 * checks a password, and the right password from another address still logs in.
 */
class LoginThrottleAcrossReplicasTest {

	private static final RedisServer REDIS = TestServers.redis();

	private static final String ATTACKER = "203.0.113.9";

	private static final String NODE = "198.51.100.20";

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startReplicas() {
		first = replica();
		second = replica();
	}

	@AfterAll
	static void stopReplicas() {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { first, second }) {
			if (replica != null) {
				replica.close();
			}
		}
	}

	private static ConfigurableApplicationContext replica() {
		return new SpringApplicationBuilder(MetahubGatewayApplication.class).run("--server.port=0",
				"--metahub.upstream.url=" + TestServers.UPSTREAM.url(), "--spring.data.redis.url=" + REDIS.url(),
				"--server.forward-headers-strategy=framework", "--metahub.machine-types[0].name=broadwell",
				"--metahub.machine-types[0].login=node-broadwell",
				"--metahub.machine-types[0].password={noop}broadwell-secret",
				"--metahub.machine-types[0].features[0]=cpu:broadwell", "--metahub.login-throttle.max-failures=4",
				"--metahub.login-throttle.slow-down-after=2", "--metahub.login-throttle.slow-down=20ms");
	}

	private static int port(ConfigurableApplicationContext replica) {
		return ((WebServerApplicationContext) replica).getWebServer().getPort();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext replica, String path, String from, String password)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(replica) + path))
			.header("X-Forwarded-For", from)
			.header("Authorization", GatewayClient.basic("node-broadwell", password))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext replica, String from, String password)
			throws IOException, InterruptedException {
		String form = "grant_type=password&username=node-broadwell&password=" + password
				+ "&client_id=containerd-client&service=metahub&scope=repository%3Alibrary%2Falpine%3Apull";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(replica) + "/token"))
			.header("X-Forwarded-For", from)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static double count(ConfigurableApplicationContext replica, String meter) {
		return replica.getBean(MeterRegistry.class).counter(meter).count();
	}

	@Test
	void failuresOnEitherReplicaThrottleBothButNotTheRightPasswordFromAnotherAddress() throws Exception {
		assertThat(first.getBean(LoginFailures.class)).isInstanceOf(RedisLoginFailures.class);
		List<Integer> failures = List.of(get(first, "/token?service=metahub", ATTACKER, "guess-1").statusCode(),
				post(second, ATTACKER, "guess-2").statusCode(), get(first, "/v2/", ATTACKER, "guess-3").statusCode(),
				get(second, "/token?service=metahub", ATTACKER, "guess-4").statusCode());
		assertThat(failures).containsOnly(401);

		for (HttpResponse<String> throttled : List.of(get(first, "/token?service=metahub", ATTACKER, "guess-5"),
				post(second, ATTACKER, "broadwell-secret"), get(second, "/v2/", ATTACKER, "broadwell-secret"))) {
			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(throttled.body()).contains("\"code\":\"TOOMANYREQUESTS\"");
			assertThat(throttled.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 300L);
		}

		assertThat(get(second, "/token?service=metahub", NODE, "broadwell-secret").statusCode()).isEqualTo(200);
		assertThat(post(first, NODE, "broadwell-secret").statusCode()).isEqualTo(200);
		assertThat(get(first, "/v2/", NODE, "broadwell-secret").statusCode()).isEqualTo(200);

		assertThat(count(first, "metahub.logins.failed") + count(second, "metahub.logins.failed")).isEqualTo(4);
		assertThat(count(first, "metahub.logins.throttled") + count(second, "metahub.logins.throttled")).isEqualTo(3);
	}

}
