package org.metahub.filters.upstream;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamChallengeTest {

	private static final Challenge BASIC = new Challenge("Basic", Map.of("realm", "Registry"));

	private static final Challenge BEARER_WITHOUT_REALM = new Challenge("Bearer", Map.of("service", "registry"));

	private static final Challenge BEARER = new Challenge("Bearer", Map.of("realm", "https://auth.example/token"));

	@Test
	void prefersTheFirstBearerChallengeThatNamesARealm() {
		UpstreamChallenge challenge = new UpstreamChallenge(List.of(BASIC, BEARER_WITHOUT_REALM, BEARER));

		assertThat(challenge.bearer()).contains(BEARER);
		assertThat(challenge.asksForBasic()).isTrue();
	}

	@Test
	void aBearerChallengeWithoutRealmCannotBeAnswered() {
		UpstreamChallenge challenge = new UpstreamChallenge(List.of(BEARER_WITHOUT_REALM));

		assertThat(challenge.bearer()).isEmpty();
		assertThat(challenge.asksForBasic()).isFalse();
	}

	@Test
	void anUpstreamOpenToAnonymousCallersAsksNothing() {
		assertThat(UpstreamChallenge.NONE.bearer()).isEmpty();
		assertThat(UpstreamChallenge.NONE.asksForBasic()).isFalse();
	}

}
