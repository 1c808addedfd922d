package org.metahub.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.metahub.config.ObserveProperties;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.observe.AccessLog;
import org.metahub.filters.observe.CountingHttpHandler;
import org.metahub.filters.observe.RequestCompletionHandler;
import org.metahub.filters.observe.RequestMetrics;
import org.metahub.filters.observe.UpstreamHealthIndicator;
import org.metahub.filters.observe.UpstreamLatencyFilter;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires health, metrics and the access log. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	/** One counting decorator around the whole handler serves both the byte metric and the access log. */
	@Bean
	WebHttpHandlerBuilderCustomizer countingResponses() {
		return builder -> builder.httpHandlerDecorator(CountingHttpHandler::new);
	}

	@Bean
	RequestMetrics requestMetrics(MeterRegistry registry) {
		return new RequestMetrics(registry);
	}

	@Bean
	AccessLog accessLog() {
		return new AccessLog();
	}

	@Bean
	RequestCompletionHandler requestCompletionHandler(RequestMetrics metrics, AccessLog accessLog,
			@Value("${management.endpoints.web.base-path:/actuator}") String managementPath) {
		return new RequestCompletionHandler(metrics, accessLog, managementPath);
	}

	@Bean
	UpstreamLatencyFilter upstreamLatencyFilter(MeterRegistry registry) {
		return new UpstreamLatencyFilter(registry);
	}

	/**
	 * Named "upstream" in health responses, with one component per upstream by its name; shares the
	 * gateway's HTTP client so TLS and proxy settings apply.
	 */
	@Bean
	CompositeReactiveHealthContributor upstreamHealthContributor(HttpClient gatewayHttpClient, Upstreams upstreams,
			ObserveProperties observe) {
		Map<String, UpstreamHealthIndicator> indicators = new LinkedHashMap<>();
		for (UpstreamProperties upstream : upstreams.all()) {
			indicators.put(upstream.name(),
					new UpstreamHealthIndicator(gatewayHttpClient, upstream.url(), observe.upstreamHealthTimeout()));
		}
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

	/** Boot's Redis contributor exists only when Redis is configured, so readiness includes it in code. */
	@Bean
	@ConditionalOnRedis
	HealthEndpointGroupsPostProcessor readinessIncludesRedis() {
		return new HealthGroupMembers("readiness", Set.of("redis"));
	}

}
