package org.metahub.filters.upstream;

import java.util.List;

import org.metahub.config.UpstreamProperties;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks an upstream's {@code GET /v2/} once and says what it found: reachable and how it wants to be
 * authenticated, or unreachable and why. For the start-up log; requests learn the challenge on their own.
 */
public class UpstreamReachability {

	/**
	 * @param line such as {@code upstream docker.io (https://registry-1.docker.io): reachable, token auth}
	 * @param reachable whether the upstream answered
	 */
	public record Report(String line, boolean reachable) {
	}

	private final WebClient webClient;

	private final UnreachableUpstreams unreachable;

	/** @param webClient a client that does not follow redirects, with the timeouts {@code unreachable} names */
	public UpstreamReachability(WebClient webClient, UnreachableUpstreams unreachable) {
		this.webClient = webClient;
		this.unreachable = unreachable;
	}

	/** Completes with the report, never with an error; bounded by the client's timeouts. */
	public Mono<Report> probe(UpstreamProperties upstream) {
		String prefix = "upstream " + upstream.name() + " (" + upstream.url() + "): ";
		return webClient.get()
			.uri(ChallengeProbe.baseEndpoint(upstream.url()))
			.exchangeToMono(response -> response.releaseBody()
				.thenReturn(new Report(prefix + "reachable, " + how(response.statusCode().value(),
						response.headers().header(HttpHeaders.WWW_AUTHENTICATE)), true)))
			.onErrorResume(failure -> Mono.just(
					new Report(prefix + "unreachable: " + unreachable.of(upstream).cause(failure), false)));
	}

	private static String how(int status, List<String> challenges) {
		if (status == HttpStatus.UNAUTHORIZED.value()) {
			UpstreamChallenge challenge = new UpstreamChallenge(ChallengeParser.parse(challenges));
			return challenge.bearer().isPresent() ? "token auth" : challenge.asksForBasic() ? "basic auth"
					: "it answers 401 without a challenge the gateway can answer";
		}
		return status == HttpStatus.OK.value() ? "anonymous" : "but /v2/ answered HTTP " + status;
	}

}
