package org.metahub.filters.upstream;

import org.metahub.filters.oci.DistributionPath;

/** Maps a requested repository name to the upstream's own name: Docker Hub implies {@code library/}. */
public final class UpstreamNames {

	private static final String DOCKER_HUB_OFFICIAL = "library/";

	private final boolean dockerHub;

	public UpstreamNames(boolean dockerHub) {
		this.dockerHub = dockerHub;
	}

	/** The upstream's name for a repository name, or {@code null} for endpoints without one. */
	public String upstreamName(String name) {
		if (name != null && dockerHub && name.indexOf('/') < 0) {
			return DOCKER_HUB_OFFICIAL + name;
		}
		return name;
	}

	/** The same request addressed with the upstream's name. */
	public DistributionPath upstreamPath(DistributionPath path) {
		return path.name() == null ? path : path.withName(upstreamName(path.name()));
	}

}
