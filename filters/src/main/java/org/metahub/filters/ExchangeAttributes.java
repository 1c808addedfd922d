package org.metahub.filters;

/** The exchange attributes that filters share, namespaced in one place. */
public final class ExchangeAttributes {

	private static final String PREFIX = "metahub.";

	/** The parsed {@link org.metahub.filters.oci.DistributionPath} of the request. */
	public static final String DISTRIBUTION_PATH = PREFIX + "distributionPath";

	/** The {@link org.metahub.config.MachineType} of the authenticated caller. */
	public static final String MACHINE_TYPE = PREFIX + "machineType";

	/** The digest of the manifest the caller was served, for the access log and metrics. */
	public static final String SERVED_DIGEST = PREFIX + "servedDigest";

	/** The request's {@link org.metahub.filters.oci.DistributionPath} under the upstream's repository name. */
	public static final String UPSTREAM_PATH = PREFIX + "upstreamPath";

	/** The {@link org.metahub.config.UpstreamProperties} the request is routed to. */
	public static final String UPSTREAM = PREFIX + "upstream";

	/** The {@link org.metahub.filters.upstream.UpstreamRoute}: the upstream and how the client named it. */
	public static final String UPSTREAM_ROUTE = PREFIX + "upstreamRoute";

	/** The {@link org.metahub.filters.upstream.UpstreamRouter.Target}: the host the request names and how. */
	public static final String REQUEST_TARGET = PREFIX + "requestTarget";

	/** The {@link org.metahub.filters.oci.OciException} for a host that names no upstream, raised after authentication. */
	public static final String ROUTING_FAILURE = PREFIX + "routingFailure";

	/** The {@code Authorization} value the upstream is sent for this request; absent when it is sent none. */
	public static final String UPSTREAM_AUTHORIZATION = PREFIX + "upstreamAuthorization";

	private ExchangeAttributes() {
	}

}
