package org.metahub.filters.upstream;

import java.util.List;
import java.util.Optional;

/**
 * What the upstream asks of anonymous callers, learnt from {@code GET /v2/}.
 *
 * @param challenges the challenges of its 401 answer; empty when it admits anonymous callers
 */
public record UpstreamChallenge(List<Challenge> challenges) {

	public static final UpstreamChallenge NONE = new UpstreamChallenge(List.of());

	public UpstreamChallenge {
		challenges = List.copyOf(challenges);
	}

	// loops rather than streams: both run for every request that may reach the upstream

	/** The Bearer challenge with a realm, preferred over Basic when the upstream offers both. */
	public Optional<Challenge> bearer() {
		for (Challenge challenge : challenges) {
			if (challenge.isBearer() && challenge.realm() != null) {
				return Optional.of(challenge);
			}
		}
		return Optional.empty();
	}

	public boolean asksForBasic() {
		for (Challenge challenge : challenges) {
			if (challenge.isBasic()) {
				return true;
			}
		}
		return false;
	}

}
