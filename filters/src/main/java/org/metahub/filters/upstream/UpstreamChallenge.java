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

	/** The Bearer challenge with a realm, preferred over Basic when the upstream offers both. */
	public Optional<Challenge> bearer() {
		return challenges.stream().filter(Challenge::isBearer).filter(c -> c.realm() != null).findFirst();
	}

	public boolean asksForBasic() {
		return challenges.stream().anyMatch(Challenge::isBasic);
	}

}
