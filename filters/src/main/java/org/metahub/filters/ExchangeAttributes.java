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

	private ExchangeAttributes() {
	}

}
