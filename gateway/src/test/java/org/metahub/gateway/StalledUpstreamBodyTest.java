package org.metahub.gateway;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * An upstream that sends headers and then stalls mid-body: a blob the client already receives ends abnormally
 * (closed before its Content-Length, or a chunked stream never terminated), whether streamed directly or after a
 * followed redirect; a manifest, of which nothing was sent yet, is a 504. A client that reads slowly is not cut.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// the streamed pass-through path: the fake's digests are not its bytes' and its stalled HEAD holds its one thread
		properties = { "metahub.timeouts.upstream-body-idle=1s", "metahub.upstream.follow-redirects=true",
				"metahub.blob-cache.enabled=false" })
class StalledUpstreamBodyTest {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	static final String STALLED = "sha256:" + "a1".repeat(32);

	static final String STALLED_CHUNKED = "sha256:" + "b2".repeat(32);

	static final String REDIRECTED = "sha256:" + "c3".repeat(32);

	static final String LARGE = "sha256:" + "d4".repeat(32);

	static final byte[] LARGE_BYTES = new byte[32 * 1024 * 1024];

	private static FakeHttpServer upstream;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		upstream = new FakeHttpServer("127.0.0.1", request -> {
			String path = request.uri().getPath();
			if (path.endsWith(STALLED) || path.equals("/storage/stalled")) {
				return FakeHttpServer.Response.stalling(FakeHttpServer.Stall.FIXED_LENGTH, "first bytes",
						"Content-Type", "application/octet-stream");
			}
			if (path.endsWith(STALLED_CHUNKED)) {
				return FakeHttpServer.Response.stalling(FakeHttpServer.Stall.CHUNKED, "first bytes",
						"Content-Type", "application/octet-stream");
			}
			if (path.endsWith(REDIRECTED)) {
				return FakeHttpServer.Response.of(307, "", "Location", "/storage/stalled");
			}
			if (path.endsWith(LARGE)) {
				return new FakeHttpServer.Response(200, Map.of("Content-Type", "application/octet-stream"),
						LARGE_BYTES, FakeHttpServer.Stall.NONE);
			}
			if (path.endsWith("/manifests/stalled")) {
				return FakeHttpServer.Response.stalling(FakeHttpServer.Stall.FIXED_LENGTH, "{\"schemaVersion\"",
						"Content-Type", "application/vnd.oci.image.manifest.v1+json");
			}
			return FakeHttpServer.Response.of(200, "{}", "Content-Type", "application/json");
		});
		properties.add("metahub.upstream.url", () -> upstream.url().toString());
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void stalledBlobIsClosedBeforeItsContentLength(CapturedOutput output) throws IOException {
		String response = getBlob(STALLED);
		assertThat(response).startsWith("HTTP/1.1 200");
		long declared = Long.parseLong(header(response, "content-length"));
		assertThat((long) body(response).length()).as("bytes before the close").isLessThan(declared);
		assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContainPattern("\n\s+at ");
	}

	@Test
	void stalledChunkedBlobIsNeverTerminated() throws IOException {
		String response = getBlob(STALLED_CHUNKED);
		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(header(response, "transfer-encoding")).isEqualToIgnoringCase("chunked");
		assertThat(body(response)).contains("first bytes").doesNotEndWith("0\r\n\r\n");
	}

	@Test
	void stalledRedirectTargetIsClosedBeforeItsContentLength() throws IOException {
		String response = getBlob(REDIRECTED);
		assertThat(response).startsWith("HTTP/1.1 200");
		long declared = Long.parseLong(header(response, "content-length"));
		assertThat((long) body(response).length()).as("bytes before the close").isLessThan(declared);
	}

	@Test
	void stalledManifestIsGatewayTimeout() throws IOException {
		GatewayClient gateway = new GatewayClient(port);
		HttpResponse<byte[]> response = gateway.send(gateway.request("/v2/team/app/manifests/stalled")
			.timeout(DEADLINE).GET().build());
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(new String(response.body())).contains("\"code\":\"UNAVAILABLE\"");
	}

	@Test
	void slowClientGetsTheWholeBlob() throws IOException, InterruptedException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE, 4096)) {
			connection.write(request(LARGE, "Connection: close\r\n"));
			connection.readSome();
			// a client that reads nothing for three idle times: the upstream waits on the gateway, not the reverse
			Thread.sleep(3000);
			String response = connection.readUntilClosed();
			assertThat(body(response).length()).as("blob bytes received").isEqualTo(LARGE_BYTES.length);
		}
	}

	private String getBlob(String digest) throws IOException {
		try (RawHttpConnection connection = new RawHttpConnection(port, DEADLINE)) {
			return connection.write(request(digest, "")).readUntilClosed();
		}
	}

	private static String request(String digest, String extraHeaders) {
		return "GET /v2/team/app/blobs/" + digest + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
				+ GatewayClient.DEMO_LOGIN + "\r\n" + extraHeaders + "\r\n";
	}

	private static String header(String response, String name) {
		Matcher matcher = Pattern.compile("(?im)^" + name + ":\\s*([^\r\n]+)").matcher(response);
		assertThat(matcher.find()).as("header " + name + " in\n" + response).isTrue();
		return matcher.group(1);
	}

	private static String body(String response) {
		return response.substring(response.indexOf("\r\n\r\n") + 4);
	}

}
