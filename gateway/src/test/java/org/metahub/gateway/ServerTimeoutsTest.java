package org.metahub.gateway;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
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
 * The server closes connections a client leaves unfinished: headers that never end or trickle in, a request body
 * that stops, a kept-alive connection with no next request; a client reading a large blob slowly is not cut.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// the blob's digest is not its bytes': the streamed pass-through path, without the blob cache
		properties = { "server.netty.idle-timeout=1s", "metahub.timeouts.request-body-idle=1s",
				"metahub.blob-cache.enabled=false" })
class ServerTimeoutsTest {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	static final String BLOB = "sha256:" + "e5".repeat(32);

	static final byte[] BLOB_BYTES = new byte[32 * 1024 * 1024];

	private static FakeHttpServer upstream;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		upstream = new FakeHttpServer("127.0.0.1", request -> request.uri().getPath().endsWith(BLOB)
				? new FakeHttpServer.Response(200, Map.of("Content-Type", "application/octet-stream"), BLOB_BYTES,
						FakeHttpServer.Stall.NONE)
				: FakeHttpServer.Response.of(200, "{}", "Content-Type", "application/json"));
		properties.add("metahub.upstream.url", () -> upstream.url().toString());
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void closesHeadersThatNeverEnd() throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE)) {
			connection.write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */");
			connection.readUntilClosed();
		}
	}

	@Test
	void closesHeadersThatTrickleIn() throws IOException {
		// a header byte each quarter second: only a complete request head counts as activity, not its bytes
		try (RawHttpConnection connection = new RawHttpConnection(port, Duration.ofMillis(250))) {
			connection.write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: ");
			long end = System.nanoTime() + DEADLINE.toNanos();
			boolean closed = false;
			while (!closed && System.nanoTime() < end) {
				try {
					connection.write("a");
					closed = connection.readSome() == -1;
				}
				catch (SocketTimeoutException nothingYet) {
					// the pace of the trickle
				}
				catch (SocketException reset) {
					closed = true;
				}
			}
			assertThat(closed).as("the server closed the connection while its headers trickled in").isTrue();
		}
	}

	@Test
	void closesARequestBodyThatStops(CapturedOutput output) throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE)) {
			connection.write("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=pass");
			String answer = connection.readUntilClosed();
			assertThat(answer).as("nothing, or the client's fault").matches("(?s)|HTTP/1\\.1 408 .*");
			assertThat(output.getAll()).doesNotContain("Unexpected failure");
		}
	}

	@Test
	void closesAnIdleKeptAliveConnection() throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE)) {
			connection.write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertThat(connection.readUntilClosed()).as("the answer comes before the close").startsWith("HTTP/1.1 401");
		}
	}

	@Test
	void slowClientGetsTheWholeBlob() throws IOException, InterruptedException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE, 4096)) {
			connection.write("GET /v2/team/app/blobs/" + BLOB + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
					+ GatewayClient.DEMO_LOGIN + "\r\nConnection: close\r\n\r\n");
			connection.readSome();
			// a client that reads nothing for three idle times while its response is written
			Thread.sleep(3000);
			String response = connection.readUntilClosed();
			assertThat(response.length() - response.indexOf("\r\n\r\n") - 4).as("blob bytes received")
				.isEqualTo(BLOB_BYTES.length);
		}
	}

}
