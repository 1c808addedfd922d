package org.metahub.filters.upstream;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a token realm may receive the upstream's credentials: only a realm on the upstream's
 * own registrable domain, or one allowed by configuration, and never over http for an https upstream.
 * Any other realm gets an anonymous token request, so a hostile challenge cannot harvest credentials.
 */
public final class RealmPolicy {

	private final URI upstream;

	private final String upstreamDomain;

	private final Set<String> allowedHosts;

	public RealmPolicy(URI upstream, List<String> allowedRealms) {
		this.upstream = upstream;
		this.upstreamDomain = RegistrableDomain.of(upstream.getHost());
		this.allowedHosts = allowedRealms.stream()
			.map(host -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	public boolean mayReceiveCredentials(URI realm) {
		if (realm.getHost() == null || !isHttp(realm.getScheme())) {
			return false;
		}
		if ("https".equalsIgnoreCase(upstream.getScheme()) && !"https".equalsIgnoreCase(realm.getScheme())) {
			return false;
		}
		String host = realm.getHost().toLowerCase(Locale.ROOT);
		return allowedHosts.contains(host) || upstreamDomain.equals(RegistrableDomain.of(host));
	}

	private static boolean isHttp(String scheme) {
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

}
