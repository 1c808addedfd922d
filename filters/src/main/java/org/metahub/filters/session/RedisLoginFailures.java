package org.metahub.filters.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Login attempts counted in Redis, so that every gateway replica throttles the same guesses: each key
 * is an integer with the window as its TTL, incremented by a Lua script that counts several keys and
 * reads their TTLs in one round trip. Fails closed like the session store.
 */
public class RedisLoginFailures implements LoginFailures {

	// INCR, a TTL on the first attempt (or on a key that somehow lost it), then the count and the TTL left
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of("""
			local counts = {}
			for _, key in ipairs(KEYS) do
			  local attempts = redis.call('INCR', key)
			  local ttl = redis.call('PTTL', key)
			  if attempts == 1 or ttl < 0 then
			    redis.call('PEXPIRE', key, ARGV[1])
			    ttl = tonumber(ARGV[1])
			  end
			  table.insert(counts, attempts)
			  table.insert(counts, ttl)
			end
			return counts
			""", List.class);

	// DECR keeps the TTL; a key that already expired is not brought back without one
	private static final RedisScript<Long> TAKE_BACK = RedisScript.of("""
			local attempts = tonumber(redis.call('GET', KEYS[1]) or '0')
			if attempts > 0 then
			  return redis.call('DECR', KEYS[1])
			end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	public RedisLoginFailures(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<List<AttemptCount>> count(List<String> keys, Duration window) {
		return redis.execute(COUNT, keys, List.of(Long.toString(window.toMillis())))
			.next()
			.map(RedisLoginFailures::counts)
			.onErrorMap(RedisLoginFailures::isStoreFault, RedisLoginFailures::unavailable);
	}

	private static List<AttemptCount> counts(List<?> reply) {
		List<AttemptCount> counts = new ArrayList<>(reply.size() / 2);
		for (int i = 0; i + 1 < reply.size(); i += 2) {
			counts.add(new AttemptCount(((Number) reply.get(i)).longValue(),
					Duration.ofMillis(((Number) reply.get(i + 1)).longValue())));
		}
		return counts;
	}

	@Override
	public Mono<Void> takeBack(String key) {
		return redis.execute(TAKE_BACK, List.of(key))
			.then()
			.onErrorMap(RedisLoginFailures::isStoreFault, RedisLoginFailures::unavailable);
	}

	@Override
	public Mono<Void> forget(String key) {
		return redis.delete(key).then().onErrorMap(RedisLoginFailures::isStoreFault, RedisLoginFailures::unavailable);
	}

	private static boolean isStoreFault(Throwable failure) {
		return !(failure instanceof OciException);
	}

	private static Throwable unavailable(Throwable failure) {
		return OciError.SESSIONS_UNAVAILABLE.exception("the login throttle's store cannot be reached");
	}

}
