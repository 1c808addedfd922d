package org.metahub.filters.fetch;

import java.net.URI;

/**
 * One manifest request as the upstream will see it.
 *
 * @param upstream {@code host:port} of the upstream, so two upstreams never share cache entries
 * @param repository the repository name within the upstream
 * @param reference tag or digest
 * @param url the full upstream URL
 * @param authorization the upstream's Authorization, or {@code null}
 * @param accept the client's Accept, or {@code null}
 */
public record ManifestRequest(String upstream, String repository, String reference, URI url, String authorization,
		String accept) {

	public static ManifestRequest of(URI url, String repository, String reference, String authorization,
			String accept) {
		int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
		return new ManifestRequest(url.getHost() + ":" + port, repository, reference, url, authorization, accept);
	}

	/** The same request for another manifest of the repository, such as a list's child by its digest. */
	public ManifestRequest withReference(String newReference) {
		String path = url.getRawPath();
		URI newUrl = url.resolve(path.substring(0, path.lastIndexOf('/') + 1) + newReference);
		return new ManifestRequest(upstream, repository, newReference, newUrl, authorization, accept);
	}

	public boolean byDigest() {
		return reference.indexOf(':') > 0;
	}

	/** Requests with the same flight key get the same upstream answer; HEAD and GET both fetch with GET. */
	String flightKey() {
		return upstream + "/" + repository + "/" + reference + "#" + (accept == null ? "" : accept);
	}

	String digestKey(String digest) {
		return "d:" + upstream + "/" + repository + "@" + digest;
	}

	// the Accept decides what a tag resolves to (a list or one manifest), so it is part of the key
	String tagKey() {
		return "t:" + upstream + "/" + repository + ":" + reference + "#" + (accept == null ? "-" : KeyHashes.of(accept));
	}

}
