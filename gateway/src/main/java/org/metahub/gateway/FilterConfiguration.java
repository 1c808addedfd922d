package org.metahub.gateway;

import org.metahub.filters.request.BaseEndpointFilter;
import org.metahub.filters.request.RequestTargetFilter;
import org.metahub.filters.request.RequestValidationFilter;
import org.metahub.filters.upstream.UpstreamRouter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the global filters that shape requests before they reach the upstream. */
@Configuration(proxyBeanMethods = false)
class FilterConfiguration {

	@Bean
	RequestValidationFilter requestValidationFilter(UpstreamRouter upstreamRouter) {
		return new RequestValidationFilter(upstreamRouter);
	}

	@Bean
	RequestTargetFilter requestTargetFilter() {
		return new RequestTargetFilter();
	}

	@Bean
	BaseEndpointFilter baseEndpointFilter() {
		return new BaseEndpointFilter();
	}

}
