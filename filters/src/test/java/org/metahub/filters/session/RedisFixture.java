package org.metahub.filters.session;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import org.metahub.filters.testing.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** A real redis-server with a reactive string template on it, for this package's Redis store tests. */
final class RedisFixture implements AutoCloseable {

	private final RedisServer redis;

	private final LettuceConnectionFactory connections;

	private final ReactiveStringRedisTemplate template;

	private RedisFixture(RedisServer redis) {
		this.redis = redis;
		this.connections = connect(redis.port());
		this.template = new ReactiveStringRedisTemplate(connections);
	}

	static RedisFixture start() {
		return new RedisFixture(RedisServer.start());
	}

	/** Connections that fail at once, not after a reconnect, when the server is gone. */
	static LettuceConnectionFactory connect(int port) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.commandTimeout(Duration.ofSeconds(5))
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	ReactiveStringRedisTemplate template() {
		return template;
	}

	/** Empties the server between tests. */
	void flush() {
		template.execute(connection -> connection.serverCommands().flushAll()).blockLast();
	}

	@Override
	public void close() {
		connections.destroy();
		redis.close();
	}

}
