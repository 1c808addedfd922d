package org.metahub.gateway.observe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.metahub.gateway.GatewayClient;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.gateway.MetahubGatewayApplication;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application while a blob streams from a slow upstream lets the download finish: the
 * server stops accepting connections at once, yet the context closes only after the last byte.
 */
class GracefulShutdownTest {

	private static final int CHUNK = 4096;

	// 39 chunks 100 ms apart outlast the 3 s that even an immediate Reactor Netty shutdown waits
	private static final int CHUNKS = 40;

	private static final byte[] BLOB = blob();

	private static final String DIGEST = Digests.sha256(BLOB);

	private final CompletableFuture<Void> releaseRest = new CompletableFuture<>();

	private final AtomicBoolean upstreamFinished = new AtomicBoolean();

	// the upstream's own event loop: closing the gateway disposes Reactor Netty's global loops, and a server
	// left on those could no longer close its socket ("Socket couldn't be stopped within 3000ms")
	private final LoopResources upstreamLoop = LoopResources.create("slow-upstream", 1, true);

	private DisposableServer upstream;

	private ConfigurableApplicationContext gateway;

	@AfterEach
	void stop() {
		releaseRest.complete(null);
		if (gateway != null) {
			gateway.close();
		}
		if (upstream != null) {
			upstream.disposeNow();
		}
		upstreamLoop.disposeLater().block(Duration.ofSeconds(10));
	}

	@Test
	void anInFlightBlobStreamCompletesBeforeShutdownEnds() throws Exception {
		upstream = slowUpstream();
		gateway = new SpringApplicationBuilder(MetahubGatewayApplication.class)
			.run("--server.port=0", "--metahub.upstream.url=http://127.0.0.1:" + upstream.port());
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();

		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/slow/blob/blobs/" + DIGEST))
				.header("Authorization", GatewayClient.DEMO_LOGIN)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		InputStream body = response.body();
		byte[] first = body.readNBytes(CHUNK);

		CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> {
			gateway.close();
			return upstreamFinished.get();
		});
		Poll.until("the gateway to stop accepting connections", Duration.ofSeconds(20), () -> refuses(port));
		assertThat(closing).isNotDone();
		releaseRest.complete(null);
		byte[] rest = body.readAllBytes();
		body.close();

		byte[] received = concat(first, rest);
		assertThat(received).hasSize(BLOB.length);
		assertThat(Digests.sha256(received)).isEqualTo(DIGEST);
		assertThat(closing.get(30, TimeUnit.SECONDS)).as("the context closed only after the upstream finished")
			.isTrue();
	}

	private DisposableServer slowUpstream() {
		return HttpServer.create()
			.runOn(upstreamLoop)
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.get("/v2/slow/blob/blobs/{digest}",
					(request, response) -> response.header("Content-Length", String.valueOf(BLOB.length))
						.header("Content-Type", "application/octet-stream")
						.header("Docker-Content-Digest", DIGEST)
						.send(Flux.concat(Mono.just(chunk(0)), Mono.fromFuture(releaseRest)
							.thenMany(Flux.range(1, CHUNKS - 1).delayElements(Duration.ofMillis(100)).map(this::chunk)))
							.doOnComplete(() -> upstreamFinished.set(true)), buffer -> true)))
			.bindNow();
	}

	private io.netty.buffer.ByteBuf chunk(int index) {
		return Unpooled.wrappedBuffer(BLOB, index * CHUNK, CHUNK);
	}

	private static boolean refuses(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static byte[] concat(byte[] first, byte[] rest) {
		byte[] all = Arrays.copyOf(first, first.length + rest.length);
		System.arraycopy(rest, 0, all, first.length, rest.length);
		return all;
	}

	private static byte[] blob() {
		byte[] bytes = new byte[CHUNK * CHUNKS];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31 + (i >> 8));
		}
		return bytes;
	}

}
