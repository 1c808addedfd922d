package org.metahub.filters.observe;

/**
 * What the access log and the request metrics know about one finished request.
 *
 * @param method HTTP method
 * @param path request path, with only the query parameters that cannot carry secrets
 * @param kind endpoint kind: manifest, blob, tags, referrers, catalog, base, token or other
 * @param status HTTP status sent
 * @param bytesSent body bytes handed to the client
 * @param durationNanos time from the request's arrival until its response was written
 * @param machineType name of the caller's machine type, or {@code anonymous}
 * @param image repository name, or {@code null} for the base, catalog and token endpoints
 * @param servedDigest digest of the manifest served, or {@code null}
 * @param aborted whether the client went away before the response was complete
 */
public record CompletedRequest(String method, String path, String kind, int status, long bytesSent,
		long durationNanos, String machineType, String image, String servedDigest, boolean aborted) {

	/** The machine type recorded for callers that did not log in. */
	public static final String ANONYMOUS = "anonymous";

}
