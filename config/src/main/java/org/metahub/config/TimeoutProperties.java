package org.metahub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounded waits on both sides of the gateway ({@code metahub.timeouts.*}); the wait for a request on an idle
 * connection is Spring Boot's {@code server.netty.idle-timeout}, the one for Redis {@code spring.data.redis.timeout}.
 *
 * @param upstreamBodyIdle how long an upstream body (blob, manifest, token) may send nothing while the gateway waits
 * for it before the response is ended abnormally
 * @param requestBodyIdle how long a client may send nothing in the middle of a request body before its connection
 * is closed
 */
@ConfigurationProperties("metahub.timeouts")
public record TimeoutProperties(
		@DefaultValue("30s") Duration upstreamBodyIdle,
		@DefaultValue("30s") Duration requestBodyIdle) {

	private static final Duration LONGEST = Duration.ofHours(1);

	public TimeoutProperties {
		check("upstream-body-idle", upstreamBodyIdle);
		check("request-body-idle", requestBodyIdle);
	}

	private static void check(String name, Duration value) {
		if (value == null || value.toMillis() < 1 || value.compareTo(LONGEST) > 0) {
			throw new IllegalArgumentException("metahub.timeouts." + name + " must be between 1ms and 1h, got " + value);
		}
	}

}
