package org.metahub.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * podman and skopeo try HTTPS first, also on a plain-HTTP port: their TLS ClientHello is answered with a 400 saying
 * the port speaks plain HTTP and the connection closed, logged as one DEBUG line, never a WARN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TlsOnPlainPortTest {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("metahub.upstream.url", () -> TestServers.UPSTREAM.url().toString());
	}

	@Test
	void aTlsClientHelloIsToldThePortSpeaksPlainHttpWithoutAWarning(CapturedOutput output) throws Exception {
		int logged = output.getAll().length();
		String answer;
		try (RawHttpConnection connection = new RawHttpConnection(port, Duration.ofSeconds(10))) {
			answer = connection.write(clientHello()).readUntilClosed();
		}

		assertThat(answer).startsWith("HTTP/1.1 400 ").contains("plain HTTP");
		assertThat(output.getAll().substring(logged)).doesNotContain(" WARN ").doesNotContain("InvalidLineSeparatorException");
		// the gateway still answers HTTP after it
		assertThat(RawHttpConnection.exchange(port, RawHttpConnection.request("GET", "/v2/"), false).status())
			.isEqualTo(200);
	}

	/** The first bytes a TLS client sends, as the JDK's own client makes them. */
	private static String clientHello() throws GeneralSecurityException, IOException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		SSLEngine engine = context.createSSLEngine("127.0.0.1", 443);
		engine.setUseClientMode(true);
		ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), hello);
		hello.flip();
		byte[] bytes = new byte[hello.remaining()];
		hello.get(bytes);
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
