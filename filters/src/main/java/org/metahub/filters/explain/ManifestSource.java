package org.metahub.filters.explain;

import reactor.core.publisher.Mono;

/** Where manifests come from, as the upstream serves them: a list is fetched as a list, never rewritten. */
public interface ManifestSource {

	/**
	 * @param repository the repository name as clients write it, such as {@code team/app}
	 * @param reference a tag or a digest
	 * @return the manifest, or an {@link org.metahub.filters.oci.OciException}, such as {@code MANIFEST_UNKNOWN}
	 */
	Mono<FetchedManifest> fetch(String repository, String reference);

}
