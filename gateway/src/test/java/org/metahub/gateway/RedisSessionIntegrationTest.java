package org.metahub.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metahub.filters.session.RedisSessionStore;
import org.metahub.filters.session.SessionStore;
import org.metahub.filters.testing.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis: sessions in a real redis-server, keyed by the token's fingerprint. */
class RedisSessionIntegrationTest extends AuthenticationIntegrationTest {

	static final RedisServer REDIS = TestServers.redis();

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", REDIS::url);
	}

	@Autowired
	ApplicationContext context;

	@Test
	void keepsSessionsInRedisUnderTheTokensFingerprint() {
		assertThat(context.getBean(SessionStore.class)).isInstanceOf(RedisSessionStore.class);
		String token = (String) token("/token?service=metahub", "node-skylake", "skylake-secret").get("token");
		ReactiveStringRedisTemplate redis = context.getBean(ReactiveStringRedisTemplate.class);
		assertThat(redis.keys("metahub:session:*").collectList().block(Duration.ofSeconds(10)))
			.isNotEmpty()
			.allSatisfy(key -> assertThat(key).doesNotContain(token));
	}

	@Test
	void healthReportsRedisUp() {
		client().get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.components.redis.status").isEqualTo("UP");
	}

}
