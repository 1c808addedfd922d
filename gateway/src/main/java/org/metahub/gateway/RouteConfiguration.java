package org.metahub.gateway;

import org.metahub.config.Upstreams;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one route: every distribution API request goes to an upstream. Its URI is the default upstream's, but
 * {@link org.metahub.filters.upstream.UpstreamUrlFilter} builds each request's URL for the upstream it names.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String ROUTE_ID = "registry";

	@Bean
	RouteLocator registryRoute(RouteLocatorBuilder builder, Upstreams upstreams) {
		return builder.routes()
			.route(ROUTE_ID, r -> r.path("/v2", "/v2/**").uri(upstreams.defaultUpstream().url()))
			.build();
	}

}
