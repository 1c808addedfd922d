package org.metahub.filters.oci;

/** Manifest media types and the question the gateway asks of them: is this a list? */
public final class MediaTypes {

	public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

	public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

	public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

	private MediaTypes() {
	}

	/** Whether a Content-Type names a manifest list or image index, ignoring parameters and case. */
	public static boolean isList(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = essence(contentType);
		return type.equals(OCI_INDEX) || type.equals(DOCKER_LIST);
	}

	/** The media type without parameters, in lower case. */
	public static String essence(String contentType) {
		int semicolon = contentType.indexOf(';');
		String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
		return type.trim().toLowerCase(java.util.Locale.ROOT);
	}

}
