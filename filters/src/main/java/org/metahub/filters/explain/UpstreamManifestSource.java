package org.metahub.filters.explain;

import java.net.URI;

import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.upstream.UpstreamAuthorizer;
import org.metahub.filters.upstream.UpstreamGrant;
import org.metahub.filters.upstream.UpstreamNames;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fetches a manifest from the configured upstream with list Accept headers, answering its challenge as the
 * gateway does for clients ({@link UpstreamAuthorizer}); a refused grant is forgotten and asked once more.
 * Not cached: it serves the explain endpoint, whose callers are few.
 */
public class UpstreamManifestSource implements ManifestSource {

	static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_LIST,
			MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);

	private final WebClient webClient;

	private final String upstream;

	private final UpstreamAuthorizer authorizer;

	private final UpstreamNames names;

	/** @param webClient a client whose codecs accept manifests as large as the gateway does */
	public UpstreamManifestSource(WebClient webClient, URI upstream, UpstreamAuthorizer authorizer,
			UpstreamNames names) {
		this.webClient = webClient;
		String url = upstream.toString();
		this.upstream = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.authorizer = authorizer;
		this.names = names;
	}

	@Override
	public Mono<FetchedManifest> fetch(String repository, String reference) {
		DistributionPath path = names
			.upstreamPath(new DistributionPath(DistributionPath.Kind.MANIFEST, repository, reference));
		return attempt(path).onErrorResume(Refused.class, refused -> attempt(path))
			.onErrorMap(Refused.class, refused -> OciError.UPSTREAM_UNAVAILABLE
				.exception("the upstream refused the gateway's credentials"));
	}

	private Mono<FetchedManifest> attempt(DistributionPath path) {
		return authorizer.authorize(path).flatMap(grant -> webClient.get()
			.uri(URI.create(upstream + path.toPath()))
			.header(HttpHeaders.ACCEPT, ACCEPT)
			.headers(headers -> {
				if (grant.authorization() != null) {
					headers.set(HttpHeaders.AUTHORIZATION, grant.authorization());
				}
			})
			.exchangeToMono(response -> read(response, path, grant)));
	}

	private static Mono<FetchedManifest> read(ClientResponse response, DistributionPath path, UpstreamGrant grant) {
		HttpStatus status = HttpStatus.resolve(response.statusCode().value());
		if (status == HttpStatus.OK) {
			String contentType = response.headers().contentType().map(Object::toString).orElse(null);
			return response.bodyToMono(byte[].class)
				.onErrorMap(DataBufferLimitException.class, ex -> OciError.MANIFEST_TOO_LARGE
					.exception("the upstream manifest is larger than the gateway accepts"))
				.switchIfEmpty(Mono.error(() -> OciError.UPSTREAM_INVALID.exception("the upstream sent an empty manifest")))
				.map(bytes -> new FetchedManifest(bytes, contentType, Digests.sha256(bytes)));
		}
		Mono<Void> released = response.releaseBody();
		if (status == HttpStatus.NOT_FOUND) {
			return released.then(Mono.error(OciError.MANIFEST_UNKNOWN
				.exception("the upstream has no manifest " + path.name() + ":" + path.reference())));
		}
		if (status == HttpStatus.UNAUTHORIZED) {
			grant.onRefused().run();
			return released.then(Mono.error(new Refused()));
		}
		return released.then(Mono.error(OciError.UPSTREAM_UNAVAILABLE
			.exception("the upstream answered " + response.statusCode().value() + " for " + path.toPath())));
	}

	/** The upstream answered 401 to a granted request. */
	private static final class Refused extends RuntimeException {

		Refused() {
			super(null, null, false, false);
		}

	}

}
