package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metahub.filters.testing.FreePorts;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream nobody listens at gives the client a 502 OCI error, not a 500, and the log one WARN, not one each. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UnreachableUpstreamTest {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		int nobody = FreePorts.next();
		properties.add("metahub.upstream.url", () -> "http://127.0.0.1:" + nobody);
	}

	@Test
	void anUnreachableUpstreamGives502Unavailable() {
		GatewayClient gateway = new GatewayClient(port);
		for (String path : new String[] { "/v2/team/app/manifests/1", "/v2/team/app/blobs/sha256:" + "cd".repeat(32) }) {
			HttpResponse<byte[]> response = gateway.get(path);

			assertThat(response.statusCode()).isEqualTo(502);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/json"));
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAVAILABLE\"")
				.doesNotContain("Exception");
		}
	}

	@Test
	void repeated502sOfAnOutageAreOneWarning(CapturedOutput output) {
		GatewayClient gateway = new GatewayClient(port);
		String path = "/v2/team/other/blobs/sha256:" + "ef".repeat(32);
		for (int i = 0; i < 5; i++) {
			assertThat(gateway.get(path).statusCode()).isEqualTo(502);
		}

		assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains("GET /v2/team/")))
			.hasSizeLessThanOrEqualTo(1);
	}

}
