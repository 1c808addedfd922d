package org.metahub.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.channel.ChannelOption;
import org.metahub.config.TimeoutProperties;
import org.metahub.config.UpstreamListProperties;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.upstream.BlobRedirectFilter;
import org.metahub.filters.upstream.ChallengeProbe;
import org.metahub.filters.upstream.HttpTokenClient;
import org.metahub.filters.upstream.PaginationLinkFilter;
import org.metahub.filters.upstream.RealmPolicy;
import org.metahub.filters.upstream.TokenCache;
import org.metahub.filters.upstream.UnreachableUpstreams;
import org.metahub.filters.upstream.UpstreamAuthFilter;
import org.metahub.filters.upstream.UpstreamAuthorizationHeader;
import org.metahub.filters.upstream.UpstreamAuthorizer;
import org.metahub.filters.upstream.UpstreamBodyIdleTimeout;
import org.metahub.filters.upstream.UpstreamChallengeRemover;
import org.metahub.filters.upstream.UpstreamOutages;
import org.metahub.filters.upstream.UpstreamReachability;
import org.metahub.filters.upstream.UpstreamRequestHeaders;
import org.metahub.filters.upstream.UpstreamRouter;
import org.metahub.filters.upstream.UpstreamUrlFilter;
import org.metahub.gateway.startup.UpstreamStartupProbe;
import reactor.netty.http.client.HttpClient;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the upstreams, routing to them, forwarding and the answer to each upstream's auth challenge. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	/** The longest wait for the challenge probe's and a token realm's answer. */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

	private static final int RESPONSE_CHUNK_BYTES = 64 * 1024;

	/**
	 * Netty cuts a response body into pieces of at most 8 KiB, so a blob read in 64 KiB from the socket went
	 * through the response chain, and out to the client, eight buffers at a time (bench/README.md, finding 14).
	 * Setting the decoder replaces the one Spring Cloud Gateway built, so its two size limits are set again.
	 */
	@Bean
	HttpClientCustomizer blobSizedResponseChunks(HttpClientProperties properties) {
		return client -> client.httpResponseDecoder(decoder -> {
			decoder.maxChunkSize(RESPONSE_CHUNK_BYTES);
			if (properties.getMaxHeaderSize() != null) {
				decoder.maxHeaderSize((int) properties.getMaxHeaderSize().toBytes());
			}
			if (properties.getMaxInitialLineLength() != null) {
				decoder.maxInitialLineLength((int) properties.getMaxInitialLineLength().toBytes());
			}
			return decoder;
		});
	}

	/**
	 * A stalled upstream body ends the response abnormally: on blobs the routing filter streams, and on the
	 * manifest fetcher's and the blob redirect filter's requests, which share this client.
	 */
	@Bean
	HttpClientCustomizer upstreamBodyIdleTimeout(TimeoutProperties timeouts) {
		return client -> UpstreamBodyIdleTimeout.applyTo(client, timeouts.upstreamBodyIdle());
	}

	/** {@code metahub.upstreams}, or the {@code metahub.upstream.*} shorthand when that list is empty. */
	@Bean
	Upstreams upstreams(UpstreamListProperties list, UpstreamProperties shorthand) {
		return Upstreams.of(list, shorthand);
	}

	@Bean
	UpstreamRouter upstreamRouter(Upstreams upstreams) {
		return new UpstreamRouter(upstreams);
	}

	@Bean
	UpstreamUrlFilter upstreamUrlFilter(Upstreams upstreams) {
		return new UpstreamUrlFilter(upstreams);
	}

	/** Applied by the routing filter to every upstream answer. */
	@Bean
	UpstreamChallengeRemover upstreamChallengeRemover() {
		return new UpstreamChallengeRemover();
	}

	/** Applied by the routing filter to every forwarded request. */
	@Bean
	UpstreamAuthorizationHeader upstreamAuthorizationHeader() {
		return new UpstreamAuthorizationHeader();
	}

	@Bean
	UpstreamRequestHeaders upstreamRequestHeaders() {
		return new UpstreamRequestHeaders();
	}

	@Bean
	PaginationLinkFilter paginationLinkFilter() {
		return new PaginationLinkFilter();
	}

	/** Shares the gateway's HTTP client so that its TLS, proxy and timeout settings apply to redirect targets. */
	@Bean
	BlobRedirectFilter blobRedirectFilter(HttpClient gatewayHttpClient) {
		return new BlobRedirectFilter(gatewayHttpClient);
	}

	/** One log line per upstream outage, whichever request meets it first. */
	@Bean
	UpstreamOutages upstreamOutages() {
		return new UpstreamOutages();
	}

	/** The causes of failed upstream requests on the gateway's client, with its timeouts. */
	@Bean
	UnreachableUpstreams unreachableUpstreams(Upstreams upstreams, HttpClientProperties properties) {
		return new UnreachableUpstreams(upstreams, connectTimeout(properties), properties.getResponseTimeout());
	}

	private static Duration connectTimeout(HttpClientProperties properties) {
		return properties.getConnectTimeout() == null ? null : Duration.ofMillis(properties.getConnectTimeout());
	}

	/**
	 * The client of the challenge probe and the token realms: the gateway's connect and response timeouts,
	 * the latter at most 15 s (a token answer is small), and no redirects, so that neither the probe nor the
	 * credentials leave the realm's host.
	 */
	@Bean
	UpstreamAuthClient upstreamAuthClient(Upstreams upstreams, TimeoutProperties timeouts,
			HttpClientProperties properties) {
		Duration connect = connectTimeout(properties) == null ? Duration.ofMillis(CONNECT_TIMEOUT_MILLIS)
				: connectTimeout(properties);
		Duration response = properties.getResponseTimeout() == null
				|| properties.getResponseTimeout().compareTo(RESPONSE_TIMEOUT) > 0 ? RESPONSE_TIMEOUT
						: properties.getResponseTimeout();
		HttpClient tokenClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connect.toMillis())
			.responseTimeout(response)
			.followRedirect(false);
		WebClient webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(
					UpstreamBodyIdleTimeout.applyTo(tokenClient, timeouts.upstreamBodyIdle())))
			.build();
		return new UpstreamAuthClient(webClient, new UnreachableUpstreams(upstreams, connect, response));
	}

	/** Each upstream probed once when the gateway is ready, in the background: the outcome is logged. */
	@Bean
	UpstreamStartupProbe upstreamStartupProbe(Upstreams upstreams, UpstreamAuthClient client) {
		return new UpstreamStartupProbe(upstreams, new UpstreamReachability(client.webClient(), client.unreachable()));
	}

	@Bean
	UpstreamAuthFilter upstreamAuthFilter(Upstreams upstreams, UpstreamAuthClient client, UpstreamOutages outages) {
		WebClient webClient = client.webClient();
		Clock clock = Clock.systemUTC();
		// one token cache per upstream: its key names realm, service and scope, not whose credentials
		Map<String, UpstreamAuthorizer> authorizers = new LinkedHashMap<>();
		for (UpstreamProperties upstream : upstreams.all()) {
			TokenCache tokens = new TokenCache(new HttpTokenClient(webClient, clock), clock);
			RealmPolicy realmPolicy = new RealmPolicy(upstream.url(), upstream.allowedRealms());
			ChallengeProbe probe = new ChallengeProbe(webClient, client.unreachable().of(upstream), outages);
			authorizers.put(upstream.name(), new UpstreamAuthorizer(probe, realmPolicy, tokens, upstream));
		}
		return new UpstreamAuthFilter(authorizers);
	}

	/** The auth client and the causes of its failures, named with its timeouts. */
	record UpstreamAuthClient(WebClient webClient, UnreachableUpstreams unreachable) {
	}

}
