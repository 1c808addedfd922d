package org.metahub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health reporting ({@code metahub.observe.*}).
 *
 * @param upstreamHealthTimeout how long the upstream health check waits for {@code GET /v2/} to answer
 */
@ConfigurationProperties("metahub.observe")
public record ObserveProperties(@DefaultValue("2s") Duration upstreamHealthTimeout) {

	public ObserveProperties {
		if (upstreamHealthTimeout.isNegative() || upstreamHealthTimeout.isZero()
				|| upstreamHealthTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
			throw new IllegalArgumentException(
					"metahub.observe.upstream-health-timeout must be between 1ms and 30s, got " + upstreamHealthTimeout);
		}
	}

}
