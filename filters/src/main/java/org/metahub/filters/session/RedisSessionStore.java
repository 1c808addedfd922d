package org.metahub.filters.session;

import java.time.Clock;
import java.time.Duration;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Sessions in Redis as JSON under {@code metahub:<kind>:{<sha-256 of the token>}} with a TTL, so that
 * several gateways share them. Fails closed: any Redis failure becomes
 * {@code SESSIONS_UNAVAILABLE} (503), and the request is refused rather than waved through.
 */
public class RedisSessionStore implements SessionStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	public RedisSessionStore(ReactiveStringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	@Override
	public Mono<Void> save(TokenKind kind, String token, Session session) {
		Duration ttl = Duration.between(clock.instant(), session.expiresAt());
		if (ttl.isNegative() || ttl.isZero()) {
			return Mono.empty();
		}
		String key = kind.key(OpaqueTokens.fingerprint(token));
		return redis.opsForValue()
			.set(key, JSON.writeValueAsString(session), ttl)
			.flatMap(stored -> stored ? Mono.<Void>empty()
					: Mono.error(OciError.SESSIONS_UNAVAILABLE.exception("the session store did not keep the session")))
			.onErrorMap(RedisSessionStore::isStoreFault, RedisSessionStore::unavailable);
	}

	@Override
	public Mono<Session> find(TokenKind kind, String token) {
		return redis.opsForValue()
			.get(kind.key(OpaqueTokens.fingerprint(token)))
			.map(json -> JSON.readValue(json, Session.class))
			.filter(session -> !session.isExpired(clock.instant()))
			.onErrorMap(RedisSessionStore::isStoreFault, RedisSessionStore::unavailable);
	}

	private static boolean isStoreFault(Throwable failure) {
		return !(failure instanceof OciException);
	}

	private static Throwable unavailable(Throwable failure) {
		return OciError.SESSIONS_UNAVAILABLE.exception("the session store cannot be reached");
	}

}
