package org.metahub.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.metahub.filters.oci.Digests;

/**
 * One GET whose body is hashed and counted as it arrives, never held: many clients of a large blob
 * cost no memory, and a transfer that breaks off is reported, not thrown.
 */
final class BlobDownload {

	private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	/**
	 * How the transfer ended.
	 * @param contentLength the answer's {@code Content-Length}, or {@code -1}
	 * @param failure what broke the transfer off, or {@code null} once it ended cleanly
	 */
	record Result(int status, long contentLength, long received, String digest, Throwable failure) {

		/** A clean 200 with all its announced bytes. */
		boolean complete() {
			return status == 200 && failure == null && received == contentLength;
		}

	}

	private final AtomicLong received = new AtomicLong();

	private final CompletableFuture<Result> result;

	private BlobDownload(HttpRequest request) {
		this.result = HTTP.sendAsync(request, this::subscriber)
			.thenApply(HttpResponse::body)
			.exceptionally(failure -> new Result(-1, -1, received.get(), null, failure));
	}

	/** Starts a GET of the path through the gateway, logged in as its client is. */
	static BlobDownload start(GatewayClient gateway, String path) {
		return new BlobDownload(gateway.request(path).GET().build());
	}

	/** Body bytes received so far. */
	long received() {
		return received.get();
	}

	Result await(Duration deadline) throws Exception {
		return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
	}

	private HttpResponse.BodySubscriber<Result> subscriber(HttpResponse.ResponseInfo info) {
		long contentLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
		MessageDigest sha256 = Digests.newSha256();
		CompletableFuture<Result> body = new CompletableFuture<>();
		return new HttpResponse.BodySubscriber<>() {

			@Override
			public CompletionStage<Result> getBody() {
				return body;
			}

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(List<ByteBuffer> buffers) {
				for (ByteBuffer buffer : buffers) {
					received.addAndGet(buffer.remaining());
					sha256.update(buffer);
				}
			}

			@Override
			public void onError(Throwable failure) {
				body.complete(new Result(info.statusCode(), contentLength, received.get(), null, failure));
			}

			@Override
			public void onComplete() {
				body.complete(new Result(info.statusCode(), contentLength, received.get(),
						"sha256:" + HexFormat.of().formatHex(sha256.digest()), null));
			}

		};
	}

}
