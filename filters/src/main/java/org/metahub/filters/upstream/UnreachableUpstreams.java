package org.metahub.filters.upstream;

import java.net.URI;
import java.time.Duration;

import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;

/** The {@link UnreachableUpstream} of each configured upstream, for one HTTP client's timeouts. */
public class UnreachableUpstreams {

	private final Upstreams upstreams;

	private final Duration connectTimeout;

	private final Duration responseTimeout;

	public UnreachableUpstreams(Upstreams upstreams, Duration connectTimeout, Duration responseTimeout) {
		this.upstreams = upstreams;
		this.connectTimeout = connectTimeout;
		this.responseTimeout = responseTimeout;
	}

	public UnreachableUpstream of(UpstreamProperties upstream) {
		return new UnreachableUpstream(upstream.name(), upstream.url(), connectTimeout, responseTimeout);
	}

	/** The configured upstream a request URL goes to, or one named by the URL's {@code host:port}. */
	public UnreachableUpstream of(URI url) {
		URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority());
		String address = UnreachableUpstream.address(base);
		return upstreams.all().stream()
			.filter(upstream -> UnreachableUpstream.address(upstream.url()).equals(address))
			.findFirst()
			.map(this::of)
			.orElseGet(() -> new UnreachableUpstream(address, base, connectTimeout, responseTimeout));
	}

}
