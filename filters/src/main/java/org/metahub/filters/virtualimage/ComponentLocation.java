package org.metahub.filters.virtualimage;

/**
 * The repository a component's manifests and blobs are fetched from.
 *
 * @param host registry host as the spec wrote it, such as {@code ghcr.io}, or {@code null} for the default upstream
 * @param repository repository name in that registry
 */
public record ComponentLocation(String host, String repository) {

	public ComponentLocation {
		if (repository == null || repository.isEmpty()) {
			throw new IllegalArgumentException("a component location needs a repository");
		}
	}

}
