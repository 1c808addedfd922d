package org.metahub.filters.oci;

/** Header names of the distribution API. */
public final class RegistryHeaders {

	public static final String API_VERSION = "Docker-Distribution-API-Version";

	public static final String API_VERSION_VALUE = "registry/2.0";

	public static final String CONTENT_DIGEST = "Docker-Content-Digest";

	private RegistryHeaders() {
	}

}
