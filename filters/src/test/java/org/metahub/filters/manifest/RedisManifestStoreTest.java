package org.metahub.filters.manifest;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.RedisServer;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RedisManifestStoreTest extends ManifestStoreContractTest {

	private static RedisServer redis;

	private static LettuceConnectionFactory connections;

	private static RedisManifestStore store;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		connections = connect(redis.port());
		store = new RedisManifestStore(connections, Duration.ofDays(7));
	}

	@AfterAll
	static void stopRedis() {
		connections.destroy();
		redis.close();
	}

	@Override
	protected ManifestStore store() {
		return store;
	}

	@Test
	void keysAreClusterFriendlyAndExpire() {
		String digest = "sha256:" + "c".repeat(64);
		store.save("team/app", digest, new StoredManifest(MediaTypes.OCI_INDEX, new byte[] { 1 })).block();
		String key = "metahub:manifest:{team/app@" + digest + "}";
		assertThat(RedisManifestStore.key("team/app", digest)).isEqualTo(key);
		Duration ttl = new ReactiveStringRedisTemplate(connections).getExpire(key).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofDays(7)).isGreaterThan(Duration.ofDays(6));
	}

	@Test
	void unreachableRedisIsStoreUnavailable() {
		LettuceConnectionFactory nowhere = connect(FreePorts.next());
		try {
			RedisManifestStore unreachable = new RedisManifestStore(nowhere, Duration.ofDays(1));
			StepVerifier.create(unreachable.find("app", "sha256:" + "d".repeat(64)))
				.expectErrorSatisfies(error -> {
					assertThat(error).isInstanceOf(OciException.class);
					assertThat(((OciException) error).error()).isEqualTo(OciError.MANIFEST_STORE_UNAVAILABLE);
					assertThat(((OciException) error).error().status().value()).isEqualTo(503);
				})
				.verify(Duration.ofSeconds(30));
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
