package org.metahub.filters.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/** Where an upstream's blob redirect points, and whether the upstream's credentials may follow it there. */
public final class BlobRedirects {

	private BlobRedirects() {
	}

	/** The redirect's target resolved against the request, if it is an http or https URL. */
	public static Optional<URI> target(URI requested, String location) {
		try {
			URI target = requested.resolve(new URI(location));
			return "http".equalsIgnoreCase(target.getScheme()) || "https".equalsIgnoreCase(target.getScheme())
					? Optional.of(target) : Optional.empty();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** Same scheme, host and port: only then does the upstream's {@code Authorization} go along. */
	public static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
				&& port(a) == port(b);
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : Objects.equals(uri.getScheme(), "https") ? 443 : 80;
	}

}
