package org.metahub.gateway;

import org.metahub.config.TimeoutProperties;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what a client may leave unfinished: a request body that stops is closed after
 * {@code metahub.timeouts.request-body-idle}. A connection without a request (stalled in its headers, or idle
 * between requests) is Spring Boot's {@code server.netty.idle-timeout}. Neither runs while a response is written.
 */
@Configuration(proxyBeanMethods = false)
class ServerTimeoutConfiguration {

	@Bean
	NettyServerCustomizer requestBodyIdleTimeout(TimeoutProperties timeouts) {
		return server -> server.readTimeout(timeouts.requestBodyIdle());
	}

}
