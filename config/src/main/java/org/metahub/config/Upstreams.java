package org.metahub.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured upstreams by the registry host clients name them with, and the default one. */
public final class Upstreams {

	private final Map<String, UpstreamProperties> byName = new LinkedHashMap<>();

	private final UpstreamProperties defaultUpstream;

	private Upstreams(List<UpstreamProperties> upstreams) {
		upstreams.forEach(upstream -> byName.put(upstream.name(), upstream));
		this.defaultUpstream = upstreams.stream().filter(UpstreamProperties::isDefault).findFirst().orElseThrow();
	}

	/** The list when it has entries, otherwise the shorthand as the one default upstream. */
	public static Upstreams of(UpstreamListProperties list, UpstreamProperties shorthand) {
		return list.upstreams().isEmpty() ? of(shorthand.asDefault()) : new Upstreams(list.upstreams());
	}

	/** For tests and single-upstream setups. */
	public static Upstreams of(UpstreamProperties... upstreams) {
		return new Upstreams(new UpstreamListProperties(List.of(upstreams)).upstreams());
	}

	/** The upstream a registry host names (Docker Hub by any of its aliases), if configured. */
	public Optional<UpstreamProperties> find(String host) {
		return Optional.ofNullable(byName.get(UpstreamProperties.canonicalName(host)));
	}

	public UpstreamProperties defaultUpstream() {
		return defaultUpstream;
	}

	public List<UpstreamProperties> all() {
		return List.copyOf(byName.values());
	}

}
