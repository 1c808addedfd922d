package org.metahub.filters.session;

import java.time.Duration;
import java.util.Set;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.RedisServer;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSessionStoreTest extends SessionStoreContract {

	private static RedisServer redis;

	private static LettuceConnectionFactory connections;

	private static ReactiveStringRedisTemplate template;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		connections = connect(redis.port());
		template = new ReactiveStringRedisTemplate(connections);
	}

	@AfterAll
	static void stopRedis() {
		connections.destroy();
		redis.close();
	}

	@AfterEach
	void flush() {
		template.execute(connection -> connection.serverCommands().flushAll()).blockLast();
	}

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
		LettuceConnectionFactory factory = connect(stopped.port());
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
