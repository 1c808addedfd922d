package org.metahub.filters.upstream;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache against an in-memory token service that counts what it is asked. */
class TokenCacheTest {

	private static final TokenRequest ALPINE = request("repository:library/alpine:pull");

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));

	private final AtomicInteger fetches = new AtomicInteger();

	@Test
	void concurrentCallersShareTheFetchInFlight() {
		Sinks.One<UpstreamToken> answer = Sinks.one();
		TokenCache cache = new TokenCache(request -> {
			fetches.incrementAndGet();
			return answer.asMono();
		}, clock);

		List<Mono<UpstreamToken>> callers = IntStream.range(0, 20).mapToObj(i -> cache.token(ALPINE).cache()).toList();
		callers.forEach(Mono::subscribe);
		assertThat(fetches).hasValue(1);
		answer.tryEmitValue(token("t1", 300));

		assertThat(callers).allSatisfy(caller -> assertThat(caller.block(Duration.ofSeconds(5)).value()).isEqualTo("t1"));
		assertThat(fetches).hasValue(1);
	}

	@Test
	void keepsATokenUntilShortlyBeforeItExpiresAndPerScope() {
		TokenCache cache = new TokenCache(countingService(300), clock);

		assertThat(value(cache, ALPINE)).isEqualTo("t1");
		clock.advance(Duration.ofSeconds(269));
		assertThat(value(cache, ALPINE)).isEqualTo("t1");
		assertThat(value(cache, request("repository:other:pull"))).isEqualTo("t2");
		clock.advance(Duration.ofSeconds(1));
		assertThat(value(cache, ALPINE)).isEqualTo("t3");
		assertThat(fetches).hasValue(3);
	}

	@Test
	void aFailedFetchIsNotKept() {
		TokenCache cache = new TokenCache(request -> fetches.incrementAndGet() == 1
				? Mono.error(OciError.UPSTREAM_UNAVAILABLE.exception("down")) : Mono.just(token("t2", 300)), clock);

		StepVerifier.create(cache.token(ALPINE)).expectError().verify(Duration.ofSeconds(5));
		assertThat(value(cache, ALPINE)).isEqualTo("t2");
	}

	@Test
	void anInvalidatedTokenIsFetchedAgainButANewerOneIsKept() {
		TokenCache cache = new TokenCache(countingService(300), clock);
		UpstreamToken first = cache.token(ALPINE).block();

		cache.invalidate(ALPINE, first);
		UpstreamToken second = cache.token(ALPINE).block();
		cache.invalidate(ALPINE, first);

		assertThat(second.value()).isEqualTo("t2");
		assertThat(value(cache, ALPINE)).isEqualTo("t2");
		assertThat(fetches).hasValue(2);
	}

	private TokenClient countingService(long expiresIn) {
		return request -> Mono.fromSupplier(() -> token("t" + fetches.incrementAndGet(), expiresIn));
	}

	private UpstreamToken token(String value, long expiresIn) {
		return new UpstreamToken(value, clock.instant().plusSeconds(expiresIn), Duration.ofSeconds(expiresIn));
	}

	private static String value(TokenCache cache, TokenRequest request) {
		return cache.token(request).block(Duration.ofSeconds(5)).value();
	}

	private static TokenRequest request(String scope) {
		return new TokenRequest(URI.create("https://auth.example.com/token"), "registry", scope, null);
	}

	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
