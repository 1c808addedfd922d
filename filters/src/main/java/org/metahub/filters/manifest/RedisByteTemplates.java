package org.metahub.filters.manifest;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/** Redis templates with string keys and raw byte values, as the manifest stores keep exact bytes. */
public final class RedisByteTemplates {

	private RedisByteTemplates() {
	}

	public static ReactiveRedisTemplate<String, byte[]> create(ReactiveRedisConnectionFactory connectionFactory) {
		RedisSerializationContext<String, byte[]> context = RedisSerializationContext
			.<String, byte[]>newSerializationContext(RedisSerializer.byteArray())
			.key(RedisSerializer.string())
			.value(RedisSerializer.byteArray())
			.build();
		return new ReactiveRedisTemplate<>(connectionFactory, context);
	}

}
