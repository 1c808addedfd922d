package org.metahub.filters.fetch;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.RedisServer;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisManifestCacheStoreTest extends ManifestCacheStoreContractTest {

	private static RedisServer redis;

	private static LettuceConnectionFactory connections;

	private static RedisManifestCacheStore store;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		connections = connect(redis.port());
		store = new RedisManifestCacheStore(connections, Duration.ofDays(7));
	}

	@AfterAll
	static void stopRedis() {
		connections.destroy();
		redis.close();
	}

	@Override
	protected ManifestCacheStore store() {
		return store;
	}

	/** The cache is an optimisation: an unreachable Redis is a miss and a dropped write, counted, not a failure. */
	@Test
	void anUnreachableRedisIsAMissAndTheWriteIsDropped() {
		LettuceConnectionFactory nowhere = connect(FreePorts.next());
		try {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			ManifestCache cache = new ManifestCache(new RedisManifestCacheStore(nowhere, Duration.ofDays(1)),
					new ManifestCacheMetrics(meters));
			StepVerifier.create(cache.saveRewritten("r:key", "sha256:1")).expectComplete().verify(Duration.ofSeconds(30));
			StepVerifier.create(cache.findRewritten("r:key")).expectComplete().verify(Duration.ofSeconds(30));
			assertThat(meters.get("metahub.manifest.cache.errors").counter().count()).isEqualTo(2);
		}
		finally {
			nowhere.destroy();
		}
	}

	private static LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
