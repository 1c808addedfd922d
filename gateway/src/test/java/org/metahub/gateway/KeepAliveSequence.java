package org.metahub.gateway;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequence that lost answers on kept-alive connections (reactor-netty#4361): a blob streamed from the
 * registry, a {@code HEAD} the gateway answers itself (a cached tag or {@code /v2/}), then a {@code GET}, each
 * sent as soon as the previous answer has arrived, over and over on one connection.
 */
final class KeepAliveSequence {

	static final String ACCEPT = "Accept: application/vnd.oci.image.manifest.v1+json";

	private static final String REPOSITORY = "keepalive/app";

	private final String blobPath;

	private final int blobLength;

	private final String tagPath;

	private KeepAliveSequence(String blobPath, int blobLength, String tagPath) {
		this.blobPath = blobPath;
		this.blobLength = blobLength;
		this.tagPath = tagPath;
	}

	/** Pushes the image and the 64 KiB blob the sequence asks for. */
	static KeepAliveSequence pushTo(RegistryServer registry) {
		RegistryPusher pusher = RegistryPusher.to(registry);
		pusher.pushImage(REPOSITORY, "1.0", "keepalive", true);
		byte[] blob = new byte[64 * 1024];
		new SplittableRandom(13).nextBytes(blob);
		return new KeepAliveSequence("/v2/" + REPOSITORY + "/blobs/" + pusher.pushBlob(REPOSITORY, blob), blob.length,
				"/v2/" + REPOSITORY + "/manifests/1.0");
	}

	String blobPath() {
		return blobPath;
	}

	int blobLength() {
		return blobLength;
	}

	String tagPath() {
		return tagPath;
	}

	/**
	 * Runs up to {@code sequences} sequences on one connection (a new one after each lost answer) until the
	 * deadline or {@code mostLosses} lost answers, and says which answers did not come within the timeout.
	 */
	List<String> lostAnswers(int port, int sequences, Duration deadline, Duration answerTimeout, int mostLosses)
			throws IOException {
		long end = System.nanoTime() + deadline.toNanos();
		List<String> lost = new ArrayList<>();
		RawHttpConnection connection = new RawHttpConnection(port, answerTimeout);
		try {
			for (int sequence = 0; sequence < sequences && lost.size() < mostLosses && System.nanoTime() < end;
					sequence++) {
				String head = sequence % 2 == 0 ? tagPath : "/v2/";
				String step = "GET of the blob";
				try {
					connection.write(RawHttpConnection.request("GET", blobPath));
					assertThat(connection.read(false).body()).hasSize(blobLength);
					step = "HEAD " + head;
					connection.write(RawHttpConnection.request("HEAD", head, ACCEPT));
					assertThat(connection.read(true).status()).isEqualTo(200);
					step = "GET of the tag after HEAD " + head;
					connection.write(RawHttpConnection.request("GET", tagPath, ACCEPT));
					assertThat(connection.read(false).status()).isEqualTo(200);
				}
				catch (SocketTimeoutException ex) {
					lost.add("sequence " + sequence + ": " + step);
					connection.close();
					connection = new RawHttpConnection(port, answerTimeout);
				}
			}
		}
		finally {
			connection.close();
		}
		return lost;
	}

}
