package org.metahub.filters.fetch;

import java.time.Duration;

import org.metahub.filters.manifest.RedisByteTemplates;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;

/** Cache entries in Redis, shared by all replicas, each kept for a fixed time. */
public final class RedisManifestCacheStore implements ManifestCacheStore {

	static final String KEY_PREFIX = "metahub:cache:";

	private final ReactiveRedisTemplate<String, byte[]> redis;

	private final Duration ttl;

	public RedisManifestCacheStore(ReactiveRedisConnectionFactory connectionFactory, Duration ttl) {
		this.redis = RedisByteTemplates.create(connectionFactory);
		this.ttl = ttl;
	}

	@Override
	public Mono<byte[]> get(String key) {
		return redis.opsForValue().get(KEY_PREFIX + key);
	}

	@Override
	public Mono<Void> put(String key, byte[] value) {
		return redis.opsForValue().set(KEY_PREFIX + key, value, ttl).then();
	}

}
