package org.metahub.filters.fetch;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpMethod;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;

/**
 * Asks the upstream for one manifest with the gateway's HTTP client (its connect timeout, TLS and
 * proxy settings) and the gateway's response timeout; the body is buffered up to the size cap.
 */
public class UpstreamManifestClient {

	private final HttpClient http;

	private final int maxBytes;

	public UpstreamManifestClient(HttpClient http, Duration responseTimeout, int maxBytes) {
		HttpClient client = http.followRedirect(false);
		this.http = responseTimeout == null ? client : client.responseTimeout(responseTimeout);
		this.maxBytes = maxBytes;
	}

	public Mono<UpstreamAnswer> get(URI url, String authorization, String accept) {
		return send(HttpMethod.GET, url, authorization, accept);
	}

	public Mono<UpstreamAnswer> head(URI url, String authorization, String accept) {
		return send(HttpMethod.HEAD, url, authorization, accept);
	}

	private Mono<UpstreamAnswer> send(HttpMethod method, URI url, String authorization, String accept) {
		return http.headers(headers -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
			if (accept != null) {
				headers.set(HttpHeaders.ACCEPT, accept);
			}
		}).request(method).uri(url).response((response, body) -> {
			HttpHeaders headers = new HttpHeaders();
			response.responseHeaders().forEach(entry -> headers.add(entry.getKey(), entry.getValue()));
			long declared = headers.getContentLength();
			if (method != HttpMethod.HEAD && declared > maxBytes) {
				return Mono.error(tooLarge());
			}
			AtomicLong total = new AtomicLong();
			return body.asByteArray()
				.doOnNext(chunk -> {
					if (total.addAndGet(chunk.length) > maxBytes) {
						throw tooLarge();
					}
				})
				.collect(ByteArrayOutputStream::new, ByteArrayOutputStream::writeBytes)
				.map(out -> new UpstreamAnswer(response.status().code(), headers, out.toByteArray()));
		}).single();
	}

	private RuntimeException tooLarge() {
		return OciError.MANIFEST_TOO_LARGE.exception("the upstream manifest is larger than the gateway accepts",
				"max " + maxBytes + " bytes");
	}

}
