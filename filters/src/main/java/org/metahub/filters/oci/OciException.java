package org.metahub.filters.oci;

import java.util.Map;

/**
 * An error the gateway answers with an OCI error document. Filters raise it; only
 * {@link OciErrorWriter} formats it.
 */
public class OciException extends RuntimeException {

	private final OciError error;

	private final Object detail;

	private final Map<String, String> headers;

	OciException(OciError error, String message, Object detail) {
		this(error, message, detail, Map.of());
	}

	private OciException(OciError error, String message, Object detail, Map<String, String> headers) {
		super(message, null, false, false);
		this.error = error;
		this.detail = detail;
		this.headers = headers;
	}

	public OciError error() {
		return error;
	}

	/** Structured detail for the error document, or {@code null}. */
	public Object detail() {
		return detail;
	}

	/** Headers the response must carry, such as {@code WWW-Authenticate}. */
	public Map<String, String> headers() {
		return headers;
	}

	public OciException withHeader(String name, String value) {
		Map<String, String> merged = new java.util.LinkedHashMap<>(headers);
		merged.put(name, value);
		return new OciException(error, getMessage(), detail, Map.copyOf(merged));
	}

}
