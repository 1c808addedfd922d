package org.metahub.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.testing.Poll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that answers headers too large or bytes that are not HTTP gives 502, and connections reset in
 * the middle (the upstream's in a blob, a client's in its token form) are logged as one line, without a stack
 * trace; the cut blob still ends abnormally.
 */
@ExtendWith(OutputCaptureExtension.class)
// the streamed pass-through path: the fake blob's digest is not its bytes' (the blob cache's faults are tested apart)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "metahub.blob-cache.enabled=false")
class UpstreamFaultTest {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private static final String DIGEST = "sha256:" + "ab".repeat(32);

	private static final int BLOB_LENGTH = 1 << 20;

	private static final int SENT_BEFORE_RESET = 100_000;

	static final RawUpstream UPSTREAM = new RawUpstream(requestLine -> {
		if (requestLine.startsWith("GET /v2/ ")) {
			return RawUpstream.Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}");
		}
		if (requestLine.contains("/huge-header/")) {
			return RawUpstream.Answer.of("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\nContent-Length: 0\r\n\r\n");
		}
		if (requestLine.contains("/not-http/")) {
			return RawUpstream.Answer.of("\u0000\u0001 this is no HTTP at all\n\n".repeat(10));
		}
		byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + BLOB_LENGTH
				+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
		byte[] cut = new byte[head.length + SENT_BEFORE_RESET];
		System.arraycopy(head, 0, cut, 0, head.length);
		return new RawUpstream.Answer(cut, true);
	});

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> UPSTREAM.url().toString());
	}

	@AfterAll
	static void stop() {
		UPSTREAM.close();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			/v2/team/huge-header/blobs/%s,   the upstream registry answered headers larger than the gateway reads
			/v2/team/huge-header/manifests/1, the upstream registry answered headers larger than the gateway reads
			/v2/team/not-http/blobs/%s,      the upstream registry answered something that is not HTTP
			/v2/team/not-http/manifests/1,   the upstream registry answered something that is not HTTP
			""")
	void anUpstreamAnsweringNoUsableHttpIsA502(String path, String message, CapturedOutput output) throws IOException {
		RawHttpConnection.Answer answer = RawHttpConnection.exchange(port, "GET " + path.formatted(DIGEST) + " HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: " + GatewayClient.DEMO_LOGIN + "\r\n\r\n", false);

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.headers()).containsEntry("content-type", "application/json");
		assertThat(answer.body()).contains("\"code\":\"UNAVAILABLE\"").contains(message);
		Poll.until("the failure's log line", DEADLINE, () -> output.getOut().contains(message + " ("));
		assertNoStackTrace(output);
	}

	@Test
	void aBlobResetByTheUpstreamEndsAbnormallyAndIsLoggedAsOneLine(CapturedOutput output) throws IOException {
		String path = "/v2/team/reset/blobs/" + DIGEST;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) DEADLINE.toMillis());
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
					+ GatewayClient.DEMO_LOGIN + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			byte[] received = readUntilClosed(socket.getInputStream());
			String head = new String(received, 0, Math.min(received.length, 200), StandardCharsets.ISO_8859_1);
			assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + BLOB_LENGTH);
			assertThat(received.length).as("the cut blob ends short, with the connection closed")
				.isLessThan(head.indexOf("\r\n\r\n") + 4 + BLOB_LENGTH);
		}
		Poll.until("the reset's log line", DEADLINE,
				() -> output.getOut().contains("GET " + path + ": a connection was reset or closed early ("));
		assertNoStackTrace(output);
	}

	@Test
	void aTokenFormAbortedByTheClientIsLoggedAsOneLine(CapturedOutput output) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) DEADLINE.toMillis());
			socket.getOutputStream().write(("POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: "
					+ "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			// the server asks for the body once the endpoint reads it
			assertThat(new String(socket.getInputStream().readNBytes(25), StandardCharsets.ISO_8859_1))
				.startsWith("HTTP/1.1 100 Continue");
			socket.getOutputStream().write("grant_type=password&user".getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			socket.setSoLinger(true, 0);
		}
		Poll.until("the abort's log line", DEADLINE,
				() -> output.getOut().contains("POST /token: a connection was reset or closed early (")
						|| output.getOut().contains("POST /token: the connection closed before the answer ("));
		assertNoStackTrace(output);
	}

	private static byte[] readUntilClosed(InputStream in) throws IOException {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		byte[] buffer = new byte[65536];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				all.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException reset) {
			// a reset ends the response as abnormally as a close
		}
		return all.toByteArray();
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		List<String> lines = output.getOut().lines().toList();
		assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("Unexpected failure"));
	}

}
