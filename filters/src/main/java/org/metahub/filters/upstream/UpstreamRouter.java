package org.metahub.filters.upstream;

import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.oci.OciError;

/**
 * Chooses the upstream of a request, in this order: containerd's {@code ns} query parameter, a first
 * path component naming a configured upstream, the default upstream. A host that is not configured is
 * refused, so the gateway never becomes an open proxy.
 */
public class UpstreamRouter {

	/** containerd's query parameter naming the registry a mirror stands in for. */
	public static final String NAMESPACE_PARAMETER = "ns";

	private static final String PREFIX = "/v2/";

	private final Upstreams upstreams;

	public UpstreamRouter(Upstreams upstreams) {
		this.upstreams = upstreams;
	}

	/**
	 * @param route the upstream and how the client named it
	 * @param path the request path without the upstream's path component
	 */
	public record Routed(UpstreamRoute route, String path) {
	}

	/**
	 * What a request names, before it is known whether that host is configured.
	 *
	 * @param host the registry host it names, or {@code null} for the default upstream
	 * @param form how it names it
	 * @param path the request path without the host's path component
	 */
	public record Target(String host, UpstreamRoute.Form form, String path) {

		/** The repository name as the client addressed it, which its token scopes name. */
		public String addressedName(String name) {
			return form == UpstreamRoute.Form.PATH_PREFIX && name != null
					? UpstreamProperties.canonicalName(host) + "/" + name : name;
		}

	}

	/**
	 * @param path the raw request path
	 * @param namespace the {@code ns} query parameter, or {@code null}
	 */
	public Target target(String path, String namespace) {
		if (namespace != null) {
			return new Target(namespace, UpstreamRoute.Form.NAMESPACE, path);
		}
		if (path.startsWith(PREFIX)) {
			int slash = path.indexOf('/', PREFIX.length());
			String first = path.substring(PREFIX.length(), slash < 0 ? path.length() : slash);
			if (looksLikeHost(first)) {
				return new Target(first, UpstreamRoute.Form.PATH_PREFIX, slash < 0 ? PREFIX : PREFIX + path.substring(slash + 1));
			}
		}
		return new Target(null, UpstreamRoute.Form.DEFAULT, path);
	}

	/** @throws org.metahub.filters.oci.OciException NAME_UNKNOWN for a host that names no configured upstream */
	public Routed route(Target target) {
		UpstreamProperties upstream = target.host() == null ? upstreams.defaultUpstream() : named(target.host());
		return new Routed(new UpstreamRoute(upstream, target.form()), target.path());
	}

	/**
	 * @param path the raw request path
	 * @param namespace the {@code ns} query parameter, or {@code null}
	 * @throws org.metahub.filters.oci.OciException NAME_UNKNOWN for a host that names no configured upstream
	 */
	public Routed route(String path, String namespace) {
		return route(target(path, namespace));
	}

	private UpstreamProperties named(String host) {
		return upstreams.find(host)
			.orElseThrow(() -> OciError.NAME_UNKNOWN.exception(
					"the gateway has no upstream named '" + host + "'", host));
	}

	/** As image references tell a registry host from a path: a dot, a port or {@code localhost}. */
	private static boolean looksLikeHost(String component) {
		return component.indexOf('.') >= 0 || component.indexOf(':') >= 0 || component.equals("localhost");
	}

}
