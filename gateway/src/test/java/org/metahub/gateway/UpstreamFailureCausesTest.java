package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;
import org.metahub.gateway.startup.UpstreamStartupProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way an upstream fails is explained by name and cause, on loopback only: in the error a client gets,
 * in one log line per outage, and in the line each upstream's start-up probe logs (readable for all kinds).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureCausesTest {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	static final RegistryServer HUB = RegistryServer.start();

	static final RegistryServer PRIVATE = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();

	static final int NOBODY = FreePorts.next();

	static final SilentServer STALLED = new SilentServer();

	@LocalServerPort
	private int port;

	@Autowired
	private UpstreamStartupProbe startupProbe;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry properties) {
		upstream(properties, 0, "docker.io", HUB.url().toString());
		properties.add("metahub.upstreams[0].default", () -> "true");
		upstream(properties, 1, "refused.example", "http://127.0.0.1:" + NOBODY);
		upstream(properties, 2, "dns.example", "http://no-such-registry.invalid");
		upstream(properties, 3, "tls.example", "https://127.0.0.1:" + HUB.port());
		upstream(properties, 4, "stalled.example", "http://127.0.0.1:" + STALLED.port());
		upstream(properties, 5, "private.example", PRIVATE.url().toString());
		properties.add("metahub.upstreams[5].username", () -> "mirror");
		properties.add("metahub.upstreams[5].password", () -> "wrong-secret");
		upstream(properties, 6, "anonymous.example", PRIVATE.url().toString());
		properties.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
	}

	private static void upstream(DynamicPropertyRegistry properties, int index, String name, String url) {
		properties.add("metahub.upstreams[" + index + "].name", () -> name);
		properties.add("metahub.upstreams[" + index + "].url", () -> url);
	}

	@AfterAll
	static void stop() {
		STALLED.close();
		ServerProcess.closeAll(HUB, PRIVATE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			refused.example | 502 | connection refused by 127.0.0.1:%2$s (nothing listens there)
			dns.example     | 502 | DNS name no-such-registry.invalid not found
			tls.example     | 502 | TLS handshake failed: the port answers plain HTTP: use an http:// URL
			stalled.example | 504 | no answer within 1 s
			""")
	void theErrorNamesTheUpstreamAndTheCause(String upstream, int status, String cause, CapturedOutput output) {
		String expectedCause = cause.formatted(null, NOBODY);
		HttpResponse<byte[]> response = new GatewayClient(port).get("/v2/" + upstream + "/team/app/manifests/1");

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAVAILABLE\"")
			.contains("\"message\":\"upstream " + upstream + " (")
			.contains("): " + expectedCause + "\"")
			.contains("\"detail\":{\"upstream\":\"" + upstream + "\"")
			.contains("\"cause\":\"" + expectedCause + "\"");
		Poll.until("the outage's log line", DEADLINE, () -> output.getOut().contains(expectedCause + "; tags seen before"));
	}

	@Test
	void anOutageIsLoggedOnceNotPerRequest(CapturedOutput output) {
		GatewayClient gateway = new GatewayClient(port);
		for (int i = 0; i < 3; i++) {
			assertThat(gateway.get("/v2/refused.example/team/app/manifests/" + i).statusCode()).isEqualTo(502);
		}

		// once for the outage (here, or in the test that met it first), never a line per request
		assertThat(output.getOut().split("nothing listens there\\); tags seen before", -1)).hasSizeLessThanOrEqualTo(2);
		assertThat(output.getOut()).doesNotContain("GET /v2/refused.example/team/app/manifests/1: ");
	}

	@Test
	void anUpstreamRefusingTheGatewaysCredentialsSaysToCheckThem() {
		HttpResponse<byte[]> response = new GatewayClient(port).get("/v2/private.example/team/app/manifests/1");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAUTHORIZED\"")
			.contains("upstream private.example (" + PRIVATE.url() + ") answered 401 Unauthorized to the gateway's "
					+ "credentials for it: check its username and password")
			.doesNotContain("wrong-secret");
	}

	@Test
	void anUpstreamWantingCredentialsTheGatewayLacksSaysToSetThem() {
		HttpResponse<byte[]> response = new GatewayClient(port).get("/v2/anonymous.example/team/app/manifests/1");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.contains("answered 401 Unauthorized and the gateway has no credentials for it: set its username");
	}

	// the lines of the start-up run came before this test's capture: FirstRunIT reads them in the gateway's log
	@Test
	void theStartUpProbeSaysWhatItFound(CapturedOutput output) {
		startupProbe.onApplicationEvent(null);

		List<String> lines = List.of(
				"upstream docker.io (" + HUB.url() + "): reachable, anonymous",
				"upstream private.example (" + PRIVATE.url() + "): reachable, basic auth",
				"upstream refused.example (http://127.0.0.1:" + NOBODY + "): unreachable: connection refused by 127.0.0.1:"
						+ NOBODY + " (nothing listens there)",
				"upstream dns.example (http://no-such-registry.invalid): unreachable: DNS name no-such-registry.invalid "
						+ "not found",
				"upstream tls.example (https://127.0.0.1:" + HUB.port() + "): unreachable: TLS handshake failed",
				"upstream stalled.example (http://127.0.0.1:" + STALLED.port() + "): unreachable: no answer within 1 s");
		Poll.until("the start-up probe's lines", DEADLINE, () -> lines.stream().allMatch(output.getOut()::contains));
	}

	/** Accepts connections and never answers: a hung upstream. */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		SilentServer() {
			try {
				server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread acceptor = new Thread(() -> {
				while (!server.isClosed()) {
					try {
						accepted.add(server.accept());
					}
					catch (IOException closed) {
						return;
					}
				}
			}, "silent-upstream");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return server.getLocalPort();
		}

		@Override
		public void close() {
			try {
				server.close();
				for (Socket socket : accepted) {
					socket.close();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
