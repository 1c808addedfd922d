package org.metahub.filters.upstream;

import java.time.Clock;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** Asks a token service with {@code GET realm?service&scope}, as distribution's clients do. */
public class HttpTokenClient implements TokenClient {

	private final WebClient webClient;

	private final Clock clock;

	/** @param webClient a client that does not follow redirects, so credentials stay with the realm */
	public HttpTokenClient(WebClient webClient, Clock clock) {
		this.webClient = webClient;
		this.clock = clock;
	}

	@Override
	public Mono<UpstreamToken> fetch(TokenRequest request) {
		String host = request.realm().getHost();
		return webClient.get()
			.uri(request.uri())
			.accept(MediaType.APPLICATION_JSON)
			.headers(headers -> {
				if (request.authorization() != null) {
					headers.set(HttpHeaders.AUTHORIZATION, request.authorization());
				}
			})
			.exchangeToMono(response -> {
				if (!response.statusCode().is2xxSuccessful()) {
					return response.releaseBody()
						.then(Mono.error(OciError.UPSTREAM_UNAVAILABLE.exception(
								"the upstream token service at " + host + " refused to issue a token (HTTP "
										+ response.statusCode().value() + ")" + (isRefusal(response.statusCode().value())
												? ": check the upstream's username and password" : ""),
								"token service at " + host + " answered " + response.statusCode().value())));
				}
				return response.bodyToMono(byte[].class)
					.defaultIfEmpty(new byte[0])
					.map(body -> UpstreamToken.parse(body, clock.instant()));
			})
			.onErrorMap(failure -> !(failure instanceof OciException), failure -> OciError.UPSTREAM_UNAVAILABLE
				.exception("the upstream token service at " + host + " cannot be reached: "
						+ new UnreachableUpstream(host, request.realm(), null, null).cause(failure),
						"token service at " + host));
	}

	private static boolean isRefusal(int status) {
		return status == 401 || status == 403;
	}

}
