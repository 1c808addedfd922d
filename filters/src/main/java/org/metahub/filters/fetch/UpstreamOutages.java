package org.metahub.filters.fetch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Logs an upstream's outage once when it starts failing and once when it answers again, not per request. */
public class UpstreamOutages {

	private static final Log logger = LogFactory.getLog(UpstreamOutages.class);

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	void failing(String upstream, String reason) {
		if (failing.add(upstream)) {
			logger.warn("Upstream " + upstream + " is failing (" + reason
					+ "); tags seen before are served stale from the cache until it recovers");
		}
	}

	void answered(String upstream) {
		if (failing.remove(upstream)) {
			logger.info("Upstream " + upstream + " answers again");
		}
	}

}
