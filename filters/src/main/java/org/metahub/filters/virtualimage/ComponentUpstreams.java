package org.metahub.filters.virtualimage;

import java.net.URI;

import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.fetch.FetchOutcome;
import org.metahub.filters.fetch.ManifestFetcher;
import org.metahub.filters.fetch.ManifestRequest;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.upstream.UpstreamAuthFilter;
import org.metahub.filters.upstream.UpstreamNames;
import reactor.core.publisher.Mono;

/**
 * Fetches a component's manifests from its own upstream and repository, through the same
 * {@link ManifestFetcher} as any pull (cache, tag freshness, single-flight), with that upstream's credentials.
 */
public class ComponentUpstreams {

	private final Upstreams upstreams;

	private final UpstreamAuthFilter auth;

	private final ManifestFetcher fetcher;

	public ComponentUpstreams(Upstreams upstreams, UpstreamAuthFilter auth, ManifestFetcher fetcher) {
		this.upstreams = upstreams;
		this.auth = auth;
		this.fetcher = fetcher;
	}

	/**
	 * The upstream a component lives on: its host among {@code metahub.upstreams}, or the default.
	 * @throws org.metahub.filters.oci.OciException ({@code UPSTREAM_INVALID}) for a host that is not configured
	 */
	public UpstreamProperties upstream(ComponentLocation location) {
		if (location.host() == null) {
			return upstreams.defaultUpstream();
		}
		return upstreams.find(location.host())
			.orElseThrow(() -> OciError.UPSTREAM_INVALID.exception("a virtual image component lives on '"
					+ location.host() + "', which is not one of metahub.upstreams", location.host()));
	}

	/** The manifest {@code reference} (tag or digest) of the component's repository. */
	public Mono<FetchOutcome> fetch(ComponentLocation location, String reference, String accept) {
		return Mono.defer(() -> {
			UpstreamProperties upstream = upstream(location);
			DistributionPath path = new UpstreamNames(upstream.isDockerHub())
				.upstreamPath(new DistributionPath(DistributionPath.Kind.MANIFEST, location.repository(), reference));
			URI url = URI.create(base(upstream) + path.toPath());
			return auth.grant(upstream, path).flatMap(grant -> fetcher
				.fetch(ManifestRequest.of(url, path.name(), reference, grant.authorization(), accept))
				.doOnNext(outcome -> {
					if (outcome.passThrough() != null && outcome.passThrough().status() == 401) {
						grant.onRefused().run();
					}
				}));
		});
	}

	private static String base(UpstreamProperties upstream) {
		String url = upstream.url().toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
