package org.metahub.filters.upstream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs an upstream's outage once when it starts failing and once when it answers again, not per request.
 * Shared by everything that asks an upstream (the challenge probe, the manifest fetcher, the forwarded requests).
 */
public class UpstreamOutages {

	private static final Log logger = LogFactory.getLog(UpstreamOutages.class);

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/**
	 * @param upstream the upstream's {@code host:port}
	 * @param reason what failed, in words, such as "upstream docker.io (https://registry-1.docker.io) cannot be
	 *     reached: connection refused"
	 */
	public void failing(String upstream, String reason) {
		if (failing.add(upstream)) {
			logger.warn(reason + "; tags seen before are served stale from the cache until it recovers");
		}
	}

	/** Whether the upstream's outage has been logged and it has not answered since. */
	public boolean isFailing(String upstream) {
		return failing.contains(upstream);
	}

	public void answered(String upstream) {
		if (failing.remove(upstream)) {
			logger.info("Upstream " + upstream + " answers again");
		}
	}

}
