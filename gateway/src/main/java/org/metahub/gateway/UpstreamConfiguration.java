package org.metahub.gateway;

import java.time.Clock;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.upstream.ChallengeProbe;
import org.metahub.filters.upstream.HttpTokenClient;
import org.metahub.filters.upstream.RealmPolicy;
import org.metahub.filters.upstream.TokenCache;
import org.metahub.filters.upstream.UpstreamAuthFilter;
import org.metahub.filters.upstream.UpstreamAuthorizer;
import org.metahub.filters.upstream.UpstreamNames;
import org.metahub.filters.upstream.UpstreamUrlFilter;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires forwarding to the upstream and the answer to its auth challenge. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

	@Bean
	UpstreamNames upstreamNames(UpstreamProperties upstream) {
		return new UpstreamNames(upstream.isDockerHub());
	}

	@Bean
	UpstreamUrlFilter upstreamUrlFilter(UpstreamProperties upstream, UpstreamNames upstreamNames) {
		return new UpstreamUrlFilter(upstream.url(), upstreamNames);
	}

	@Bean
	UpstreamAuthFilter upstreamAuthFilter(UpstreamProperties upstream) {
		// redirects are not followed, so neither the probe nor the credentials leave the realm's host
		WebClient webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
				.responseTimeout(RESPONSE_TIMEOUT)
				.followRedirect(false)))
			.build();
		Clock clock = Clock.systemUTC();
		TokenCache tokens = new TokenCache(new HttpTokenClient(webClient, clock), clock);
		RealmPolicy realmPolicy = new RealmPolicy(upstream.url(), upstream.allowedRealms());
		ChallengeProbe probe = new ChallengeProbe(webClient, upstream.url());
		return new UpstreamAuthFilter(new UpstreamAuthorizer(probe, realmPolicy, tokens, upstream));
	}

}
