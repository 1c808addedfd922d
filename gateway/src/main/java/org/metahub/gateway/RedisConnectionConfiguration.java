package org.metahub.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.metahub.filters.manifest.StoreOutage;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the gateway's Redis connection behaves while Redis is gone, and how soon it is back. */
@Configuration(proxyBeanMethods = false)
class RedisConnectionConfiguration {

	/** Without a connection, Redis commands fail at once instead of waiting for a reconnect: fail closed, fast. */
	@Bean
	@ConditionalOnRedis
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Reconnect attempts at most {@link StoreOutage#RETRY_AFTER} apart (Lettuce's own back-off grows to 30 s, so
	 * a Redis back after a minute's outage would stay unused for up to that long).
	 */
	@Bean
	@ConditionalOnRedis
	ClientResourcesBuilderCustomizer reconnectPromptly() {
		return resources -> resources.reconnectDelay(
				Delay.exponential(Duration.ofMillis(10), StoreOutage.RETRY_AFTER, 2, TimeUnit.MILLISECONDS));
	}

}
