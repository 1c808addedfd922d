package org.metahub.filters.session;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.RedisServer;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSessionStoreTest extends SessionStoreContract {

	private static RedisFixture redis;

	private static ReactiveStringRedisTemplate template;

	@BeforeAll
	static void startRedis() {
		redis = RedisFixture.start();
		template = redis.template();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@AfterEach
	void flush() {
		redis.flush();
	}

	@Override
	protected SessionStore store() {
		return new RedisSessionStore(template, clock);
	}

	@Test
	void keysByTheTokensFingerprintWithATtlAndNeverKeepsTheToken() {
		String token = OpaqueTokens.newToken();
		store().save(TokenKind.ACCESS, token, new Session("l", "n", Set.of(), clock.instant().plusSeconds(900)))
			.block(Duration.ofSeconds(10));
		assertThat(template.keys("*").collectList().block(Duration.ofSeconds(10)))
			.containsExactly("metahub:session:{" + OpaqueTokens.fingerprint(token) + "}");
		String stored = template.opsForValue().get(TokenKind.ACCESS.key(OpaqueTokens.fingerprint(token))).block();
		assertThat(stored).doesNotContain(token);
		Duration ttl = template.getExpire(TokenKind.ACCESS.key(OpaqueTokens.fingerprint(token))).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(900));
	}

	@Test
	void failsClosedWhenRedisCannotBeAsked() {
		RedisServer stopped = RedisServer.start();
		LettuceConnectionFactory factory = RedisFixture.connect(stopped.port());
		try {
			RedisSessionStore store = new RedisSessionStore(new ReactiveStringRedisTemplate(factory), clock);
			String token = OpaqueTokens.newToken();
			store.save(TokenKind.ACCESS, token, new Session("l", "n", Set.of(), clock.instant().plusSeconds(60)))
				.block(Duration.ofSeconds(10));
			stopped.close();
			StepVerifier.create(store.find(TokenKind.ACCESS, token))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(OciException.class,
						oci -> assertThat(oci.error()).isEqualTo(OciError.SESSIONS_UNAVAILABLE)))
				.verify(Duration.ofSeconds(30));
		}
		finally {
			factory.destroy();
		}
	}

}
