package org.metahub.filters.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringMapTest {

	private final MutableClock clock = new MutableClock();

	@Test
	void forgetsEntriesOnceTheyExpire() {
		ExpiringMap<String, String> map = new ExpiringMap<>(10, clock);
		map.put("a", "1", clock.instant().plusSeconds(60));
		assertThat(map.get("a")).contains("1");
		clock.advance(Duration.ofSeconds(60));
		assertThat(map.get("a")).isEmpty();
	}

	@Test
	void evictsExpiredEntriesFirstThenTheOldest() {
		ExpiringMap<String, String> map = new ExpiringMap<>(2, clock);
		map.put("short", "1", clock.instant().plusSeconds(10));
		map.put("long", "2", clock.instant().plusSeconds(100));
		clock.advance(Duration.ofSeconds(20));
		map.put("new", "3", clock.instant().plusSeconds(100));
		assertThat(map.get("long")).contains("2");
		map.put("newest", "4", clock.instant().plusSeconds(100));
		assertThat(map.size()).isEqualTo(2);
		assertThat(map.get("long")).isEmpty();
		assertThat(map.get("new")).contains("3");
		assertThat(map.get("newest")).contains("4");
	}

	@Test
	void keepsNothingWithSizeZero() {
		ExpiringMap<String, String> map = new ExpiringMap<>(0, clock);
		map.put("a", "1", clock.instant().plusSeconds(60));
		assertThat(map.get("a")).isEmpty();
	}

}
