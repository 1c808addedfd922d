package org.metahub.filters.session;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RedisServer;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RedisLoginFailuresTest extends LoginFailuresContract {

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
	protected LoginFailures failures() {
		return new RedisLoginFailures(template);
	}

	@Override
	protected void endWindow(LoginFailures failures, String key, Duration window) {
		Poll.until("the key expired", Duration.ofSeconds(10), () -> !template.hasKey(key).block(TIMEOUT));
	}

	@Test
	void keepsEachCountWithTheWindowAsItsTtl() {
		failures().count(List.of("t:a"), WINDOW).block(TIMEOUT);
		failures().takeBack("t:a").block(TIMEOUT);
		assertThat(template.opsForValue().get("t:a").block(TIMEOUT)).isEqualTo("0");
		assertThat(template.getExpire("t:a").block(TIMEOUT)).isPositive().isLessThanOrEqualTo(WINDOW);
	}

	@Test
	void failsClosedWhenRedisCannotBeAsked() {
		RedisServer stopped = RedisServer.start();
		LettuceConnectionFactory factory = RedisFixture.connect(stopped.port());
		try {
			LoginFailures failures = new RedisLoginFailures(new ReactiveStringRedisTemplate(factory));
			failures.count(List.of("t:a"), WINDOW).block(TIMEOUT);
			stopped.close();
			StepVerifier.create(failures.count(List.of("t:a"), WINDOW))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(OciException.class,
						oci -> assertThat(oci.error()).isEqualTo(OciError.SESSIONS_UNAVAILABLE)))
				.verify(Duration.ofSeconds(30));
		}
		finally {
			factory.destroy();
		}
	}

}
