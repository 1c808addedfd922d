package org.metahub.gateway;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.Poll;
import org.metahub.gateway.FaultyBlobUpstream.Fault;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blob cache's fill when the upstream holds its bytes back, breaks off, or sends bytes that are not the
 * digest's: a client that joins a held fill streams what landed and the rest from the same fetch; a fill
 * that fails ends every client's transfer abnormally and keeps nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlobCacheFaultTest {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final int BLOB_SIZE = 2 * 1024 * 1024;

	private static final int HALF = BLOB_SIZE / 2;

	private static final int CLIENTS = 5;

	/** Enough clients that the race of the mismatch test (see there) shows in every run. */
	private static final int MANY_CLIENTS = 20;

	private static final FaultyBlobUpstream UPSTREAM = new FaultyBlobUpstream();

	private static BlobCacheFolder cache;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		properties.add("metahub.upstream.url", () -> UPSTREAM.url().toString());
		cache = BlobCacheFolder.enable(properties, "64MB");
	}

	@AfterAll
	static void stop() {
		UPSTREAM.close();
		cache.delete();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void aClientThatJoinsHalfwayStreamsWhatLandedAndTheRestFromTheSameFetch() throws Exception {
		byte[] blob = randomBlob(1);
		String digest = Digests.sha256(blob);
		FaultyBlobUpstream.Blob served = UPSTREAM.serve(digest, blob, Fault.PAUSE, HALF);
		BlobDownload first = BlobDownload.start(gateway, path(digest));
		Poll.until("the fill holds the first half", DEADLINE, () -> served.isPaused() && cache.writingBytes() == HALF);

		BlobDownload joiner = BlobDownload.start(gateway, path(digest));
		// it neither waits for the fill's end nor starts its own fetch
		Poll.until("the joining client received the half that landed", DEADLINE, () -> joiner.received() == HALF);
		served.release();

		for (BlobDownload download : List.of(first, joiner)) {
			BlobDownload.Result result = download.await(DEADLINE);
			assertThat(result.complete()).as("%s", result).isTrue();
			assertThat(result.digest()).isEqualTo(digest);
		}
		assertThat(UPSTREAM.gets(digest)).isEqualTo(1);
		Poll.until("the blob is cached", DEADLINE, () -> Files.exists(cache.entryFile(digest)));
	}

	@Test
	void anUpstreamThatBreaksOffMidFillFailsEveryClientKeepsNothingAndIsAskedAgain() throws Exception {
		byte[] blob = randomBlob(2);
		String digest = Digests.sha256(blob);
		FaultyBlobUpstream.Blob served = UPSTREAM.serve(digest, blob, Fault.PAUSE, HALF);
		List<BlobDownload> clients = clientsHoldingTheFirstHalf(digest, served, CLIENTS);
		served.cut();

		assertEveryClientFailed(clients);
		assertNothingCached(digest);
		UPSTREAM.serve(digest, blob, Fault.NONE, 0);
		BlobDownload.Result again = BlobDownload.start(gateway, path(digest)).await(DEADLINE);
		assertThat(again.complete()).as("%s", again).isTrue();
		assertThat(again.digest()).isEqualTo(digest);
		assertThat(UPSTREAM.gets(digest)).isEqualTo(2);
	}

	/**
	 * Many followers, so that one of them would send the last chunk before the digest's check if the fill let
	 * it: a client given all Content-Length bytes would read the close after them as a clean end (it did, with
	 * 20 clients, in 3 runs of 3, before the fill held back the last byte until verified).
	 */
	@Test
	void anUpstreamThatServesOtherBytesForTheDigestFailsEveryClientKeepsNothingAndLogsSecurity(CapturedOutput output)
			throws Exception {
		byte[] blob = randomBlob(3);
		String digest = Digests.sha256(blob);
		FaultyBlobUpstream.Blob served = UPSTREAM.serve(digest, randomBlob(4), Fault.PAUSE, HALF);
		List<BlobDownload> clients = clientsHoldingTheFirstHalf(digest, served, MANY_CLIENTS);
		served.release();

		assertEveryClientFailed(clients);
		assertNothingCached(digest);
		Poll.until("the mismatch's SECURITY line", DEADLINE,
				() -> output.getOut().lines().anyMatch(line -> line.contains("SECURITY") && line.contains(digest)));
		assertThat(UPSTREAM.gets(digest)).isEqualTo(1);
	}

	/** Clients that all follow the one fill, held after its first half. */
	private List<BlobDownload> clientsHoldingTheFirstHalf(String digest, FaultyBlobUpstream.Blob served, int count) {
		List<BlobDownload> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(BlobDownload.start(gateway, path(digest)));
		}
		Poll.until("every client received the first half", DEADLINE,
				() -> served.isPaused() && clients.stream().allMatch(client -> client.received() == HALF));
		return clients;
	}

	private static void assertEveryClientFailed(List<BlobDownload> clients) throws Exception {
		for (BlobDownload client : clients) {
			BlobDownload.Result result = client.await(DEADLINE);
			// a clean 200 with all its bytes would hand a client a broken blob
			assertThat(result.complete()).as("%s", result).isFalse();
			if (result.status() == 200) {
				assertThat(result.failure()).as("%s", result).isNotNull();
			}
		}
	}

	private static void assertNothingCached(String digest) {
		Poll.until("the fill's file is removed", DEADLINE, () -> cache.writingBytes() == 0);
		assertThat(cache.entryFile(digest)).doesNotExist();
	}

	private static String path(String digest) {
		return "/v2/team/faults/blobs/" + digest;
	}

	private static byte[] randomBlob(long seed) {
		byte[] bytes = new byte[BLOB_SIZE];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
