package org.metahub.filters.blobcache;

import java.net.URI;
import java.time.Duration;

import io.netty.handler.codec.http.HttpMethod;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;

/**
 * Asks the upstream about one blob with the gateway's HTTP client (its connect timeout, TLS and proxy
 * settings): a HEAD that confirms the repository holds it, and the GET that fills the cache.
 */
public class BlobUpstreamClient {

	/** The upstream's answer to a HEAD: its status and the size it announced ({@code -1} if none). */
	public record Head(int status, long size) {
	}

	private final HttpClient http;

	public BlobUpstreamClient(HttpClient http, Duration responseTimeout) {
		HttpClient client = http.followRedirect(false);
		this.http = responseTimeout == null ? client : client.responseTimeout(responseTimeout);
	}

	public Mono<Head> head(URI url, String authorization) {
		return authorized(authorization).request(HttpMethod.HEAD).uri(url)
			.response((response, body) -> Mono.just(new Head(response.status().code(),
					contentLength(response.responseHeaders().get(HttpHeaders.CONTENT_LENGTH)))))
			.single();
	}

	/** The blob's bytes when the upstream answers 200; any other answer is an error (the fill then keeps nothing). */
	public Flux<DataBuffer> get(URI url, String authorization) {
		return authorized(authorization).get().uri(url).response((response, body) -> {
			if (response.status().code() != 200) {
				return Flux.error(OciError.UPSTREAM_UNAVAILABLE.exception(
						"the upstream answered " + response.status().code() + " to the blob's fetch"));
			}
			// copied out of Netty's buffers, which are released as soon as each chunk is mapped
			return body.asByteArray().map(DefaultDataBufferFactory.sharedInstance::wrap);
		});
	}

	private HttpClient authorized(String authorization) {
		return authorization == null ? http
				: http.headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization));
	}

	private static long contentLength(String value) {
		try {
			return value == null ? -1 : Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
