package org.metahub.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The registries the gateway forwards to ({@code metahub.upstreams}); when empty, the shorthand
 * {@code metahub.upstream.*} is the one default upstream.
 *
 * @param upstreams the upstreams, names unique, exactly one of them the default
 */
@ConfigurationProperties("metahub")
public record UpstreamListProperties(List<UpstreamProperties> upstreams) {

	public UpstreamListProperties {
		upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
		validate(upstreams);
	}

	private static void validate(List<UpstreamProperties> upstreams) {
		if (upstreams.isEmpty()) {
			return;
		}
		long defaults = upstreams.stream().filter(UpstreamProperties::isDefault).count();
		if (defaults != 1) {
			throw new IllegalArgumentException("metahub.upstreams must have exactly one entry with default: true, found "
					+ defaults);
		}
		Set<String> names = new HashSet<>();
		for (UpstreamProperties upstream : upstreams) {
			if (!names.add(upstream.name())) {
				throw new IllegalArgumentException("metahub.upstreams[].name must be unique (docker.io, index.docker.io "
						+ "and registry-1.docker.io are one name), '" + upstream.name() + "' appears twice");
			}
		}
	}

}
