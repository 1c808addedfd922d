package org.metahub.filters.observe;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Probes {@code GET <upstream>/v2/}: 200 or 401 mean reachable. Anything else is reported as
 * {@link #UNREACHABLE}, a status the readiness group maps to HTTP 200, because pods cannot repair
 * the upstream and taking them out of service would only turn its outage into the gateway's.
 */
public class UpstreamHealthIndicator implements ReactiveHealthIndicator {

	/** The upstream could not be reached or answered with an unexpected status. */
	public static final Status UNREACHABLE = new Status("UNREACHABLE", "The upstream registry cannot be reached");

	private final HttpClient client;

	private final String baseEndpoint;

	private final Duration timeout;

	public UpstreamHealthIndicator(HttpClient client, URI upstream, Duration timeout) {
		this.client = client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
			.responseTimeout(timeout);
		String base = upstream.toString();
		this.baseEndpoint = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/";
		this.timeout = timeout;
	}

	@Override
	public Mono<Health> health() {
		return client.get()
			.uri(baseEndpoint)
			.response()
			.map(response -> health(response.status().code()))
			.timeout(timeout)
			.onErrorResume(failure -> Mono.just(unreachable(describe(failure))));
	}

	private Health health(int status) {
		if (status == 200 || status == 401) {
			return Health.up().withDetail("status", status).build();
		}
		return unreachable("GET /v2/ answered HTTP " + status);
	}

	private Health unreachable(String reason) {
		return Health.status(UNREACHABLE).withDetail("reason", reason).build();
	}

	private String describe(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return "no answer to GET /v2/ within " + timeout.toMillis() + " ms";
		}
		return failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

}
