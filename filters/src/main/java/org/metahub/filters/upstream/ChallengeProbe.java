package org.metahub.filters.upstream;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Learns the upstream's challenge by asking {@code GET /v2/} anonymously, as distribution's own proxy
 * does. The answer is kept and shared by concurrent callers; it is asked again after a failure, after
 * a 5xx and after {@link #forget()}.
 */
public class ChallengeProbe {

	private final WebClient webClient;

	private final URI baseEndpoint;

	private final UnreachableUpstream unreachable;

	private final UpstreamOutages outages;

	private final AtomicReference<Mono<UpstreamChallenge>> cached = new AtomicReference<>();

	public ChallengeProbe(WebClient webClient, URI upstream) {
		this(webClient, new UnreachableUpstream(upstream.getHost(), upstream, null, null), new UpstreamOutages());
	}

	/**
	 * @param unreachable names the upstream and the client's timeouts in the error of a failed probe
	 * @param outages where a failed probe is logged, once per outage
	 */
	public ChallengeProbe(WebClient webClient, UnreachableUpstream unreachable, UpstreamOutages outages) {
		this.webClient = webClient;
		this.unreachable = unreachable;
		this.outages = outages;
		this.baseEndpoint = baseEndpoint(unreachable.url());
	}

	/** {@code <url>/v2/}, the endpoint that answers with the upstream's challenge. */
	static URI baseEndpoint(URI upstream) {
		String url = upstream.toString();
		return URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/v2/");
	}

	public Mono<UpstreamChallenge> challenge() {
		return Mono.defer(() -> cached.updateAndGet(current -> current != null ? current : probe()));
	}

	/** Asks again next time, for example because the upstream refused a request it was said to admit. */
	public void forget() {
		cached.set(null);
	}

	private Mono<UpstreamChallenge> probe() {
		AtomicReference<Mono<UpstreamChallenge>> self = new AtomicReference<>();
		Mono<UpstreamChallenge> shared = webClient.get()
			.uri(baseEndpoint)
			.exchangeToMono(response -> {
				if (response.statusCode().is5xxServerError()) {
					// the request itself will show the client the upstream's answer
					cached.compareAndSet(self.get(), null);
					return response.releaseBody().thenReturn(UpstreamChallenge.NONE);
				}
				UpstreamChallenge challenge = response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()
						? new UpstreamChallenge(ChallengeParser.parse(response.headers().header(HttpHeaders.WWW_AUTHENTICATE)))
						: UpstreamChallenge.NONE;
				outages.answered(unreachable.address());
				return response.releaseBody().thenReturn(challenge);
			})
			.onErrorMap(failure -> !(failure instanceof OciException), failure -> {
				outages.failing(unreachable.address(), unreachable.describe(failure));
				return unreachable.exception(failure);
			})
			.doOnError(failure -> cached.compareAndSet(self.get(), null))
			.cache();
		self.set(shared);
		return shared;
	}

}
