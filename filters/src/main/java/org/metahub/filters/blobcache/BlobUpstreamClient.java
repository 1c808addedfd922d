package org.metahub.filters.blobcache;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.netty.handler.codec.http.HttpMethod;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.upstream.BlobRedirects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;

/**
 * Asks the upstream about one blob with the gateway's HTTP client (its connect timeout, TLS and proxy
 * settings): a HEAD that confirms the repository holds it, and the GET that fills the cache. For an
 * upstream with {@code follow-redirects} both follow one redirect, with the upstream's
 * {@code Authorization} only to the same origin, as {@code BlobRedirectFilter} does for clients.
 */
public class BlobUpstreamClient {

	/**
	 * The upstream's answer to a HEAD: its status and the size it announced ({@code -1} if none). A
	 * redirect it was asked to follow is a {@code 200}: the upstream redirects only to bytes it holds.
	 */
	public record Head(int status, long size) {
	}

	private final HttpClient http;

	public BlobUpstreamClient(HttpClient http, Duration responseTimeout) {
		HttpClient client = http.followRedirect(false);
		this.http = responseTimeout == null ? client : client.responseTimeout(responseTimeout);
	}

	public Mono<Head> head(URI url, String authorization, boolean followRedirects) {
		return authorized(authorization).request(HttpMethod.HEAD).uri(url)
			.response((response, body) -> {
				Optional<URI> target = followRedirects ? redirect(url, response) : Optional.empty();
				if (target.isEmpty()) {
					return Mono.just(new Head(response.status().code(), contentLength(response)));
				}
				// the size from the target when it answers HEAD; a signed GET-only URL may not
				return head(target.get(), forwarded(url, target.get(), authorization), false)
					.map(answer -> new Head(200, answer.status() == 200 ? answer.size() : -1))
					.onErrorReturn(new Head(200, -1));
			})
			.single();
	}

	/** The blob's bytes when the upstream answers 200; any other answer is an error (the fill then keeps nothing). */
	public Flux<DataBuffer> get(URI url, String authorization, boolean followRedirects) {
		return authorized(authorization).get().uri(url).response((response, body) -> {
			Optional<URI> target = followRedirects ? redirect(url, response) : Optional.empty();
			if (target.isPresent()) {
				return get(target.get(), forwarded(url, target.get(), authorization), false);
			}
			if (response.status().code() != 200) {
				return Flux.error(OciError.UPSTREAM_UNAVAILABLE.exception(
						"the upstream answered " + response.status().code() + " to the blob's fetch"));
			}
			// copied out of Netty's buffers, which are released as soon as each chunk is mapped
			return body.asByteArray().map(DefaultDataBufferFactory.sharedInstance::wrap);
		});
	}

	private static Optional<URI> redirect(URI url, HttpClientResponse response) {
		String location = response.responseHeaders().get(HttpHeaders.LOCATION);
		if (response.status().code() / 100 != 3 || location == null) {
			return Optional.empty();
		}
		return BlobRedirects.target(url, location);
	}

	private static String forwarded(URI from, URI to, String authorization) {
		return BlobRedirects.sameOrigin(from, to) ? authorization : null;
	}

	private HttpClient authorized(String authorization) {
		return authorization == null ? http
				: http.headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization));
	}

	private static long contentLength(HttpClientResponse response) {
		String value = response.responseHeaders().get(HttpHeaders.CONTENT_LENGTH);
		try {
			return value == null ? -1 : Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
