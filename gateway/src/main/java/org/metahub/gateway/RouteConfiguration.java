package org.metahub.gateway;

import org.metahub.config.UpstreamProperties;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one route: every distribution API request goes to the upstream; global filters do the rest. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String ROUTE_ID = "registry";

	@Bean
	RouteLocator registryRoute(RouteLocatorBuilder builder, UpstreamProperties upstream) {
		return builder.routes().route(ROUTE_ID, r -> r.path("/v2", "/v2/**").uri(upstream.url())).build();
	}

}
