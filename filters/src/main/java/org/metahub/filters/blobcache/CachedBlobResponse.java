package org.metahub.filters.blobcache;

import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.RegistryHeaders;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a blob request from a cache entry: a file by zero-copy transfer (the kernel sends it), a
 * single {@code Range} as 206 from the file, an unsatisfiable one as 416, several as the whole blob.
 */
final class CachedBlobResponse {

	private static final int CHUNK_SIZE = 64 * 1024;

	private CachedBlobResponse() {
	}

	static Mono<Void> write(ServerWebExchange exchange, CachedBlob blob, BlobCacheMetrics metrics) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		long size = blob.size();
		boolean head = HttpMethod.HEAD.equals(exchange.getRequest().getMethod());
		Optional<ByteRange> asked = head ? Optional.empty()
				: ByteRange.parse(exchange.getRequest().getHeaders().getFirst(HttpHeaders.RANGE), size);
		if (asked.isPresent() && asked.get() == ByteRange.UNSATISFIABLE) {
			return Mono.error(OciError.RANGE_INVALID.exception("the range asked for is outside the blob")
				.withHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size));
		}
		ByteRange range = asked.orElse(new ByteRange(0, size - 1));
		describe(headers, blob);
		if (asked.isPresent()) {
			response.setStatusCode(HttpStatus.PARTIAL_CONTENT);
			headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
		}
		else {
			response.setStatusCode(HttpStatus.OK);
		}
		headers.setContentLength(range.length());
		if (head || size == 0) {
			return response.setComplete();
		}
		Mono<Void> sent;
		if (blob instanceof FileBlob file && zeroCopy(response) instanceof ZeroCopyHttpOutputMessage zeroCopy) {
			sent = zeroCopy.writeWith(file.file(), range.first(), range.length());
		}
		else {
			sent = response.writeWith(DataBufferUtils.takeUntilByteCount(
					DataBufferUtils.readByteChannel(() -> positioned(blob, range.first()), response.bufferFactory(), CHUNK_SIZE),
					range.length()));
		}
		return sent.doOnSuccess(done -> metrics.fromCache(range.length()));
	}

	/** The headers every answer about this blob carries, cached or being filled. */
	static void describe(HttpHeaders headers, CachedBlob blob) {
		describe(headers, blob.digest());
		headers.setETag("\"" + blob.digest() + "\"");
		headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
	}

	static void describe(HttpHeaders headers, BlobDigest digest) {
		headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
		headers.set(RegistryHeaders.CONTENT_DIGEST, digest.toString());
	}

	// the first that can send a file: the access log's counting response passes it on to the server's and counts it
	private static ServerHttpResponse zeroCopy(ServerHttpResponse response) {
		ServerHttpResponse current = response;
		while (!(current instanceof ZeroCopyHttpOutputMessage) && current instanceof ServerHttpResponseDecorator decorator) {
			current = decorator.getDelegate();
		}
		return current;
	}

	private static SeekableByteChannel positioned(CachedBlob blob, long position) throws java.io.IOException {
		SeekableByteChannel channel = blob.open();
		channel.position(position);
		return channel;
	}

}
