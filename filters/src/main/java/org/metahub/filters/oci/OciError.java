package org.metahub.filters.oci;

import org.springframework.http.HttpStatus;

/** Every error code the gateway produces, registered once with its HTTP status. */
public enum OciError {

	BLOB_UNKNOWN("BLOB_UNKNOWN", HttpStatus.NOT_FOUND),
	MANIFEST_UNKNOWN("MANIFEST_UNKNOWN", HttpStatus.NOT_FOUND),
	NAME_INVALID("NAME_INVALID", HttpStatus.BAD_REQUEST),
	NAME_UNKNOWN("NAME_UNKNOWN", HttpStatus.NOT_FOUND),
	DIGEST_INVALID("DIGEST_INVALID", HttpStatus.BAD_REQUEST),
	TAG_INVALID("MANIFEST_UNKNOWN", HttpStatus.NOT_FOUND),
	PAGINATION_INVALID("PAGINATION_NUMBER_INVALID", HttpStatus.BAD_REQUEST),
	ENDPOINT_UNKNOWN("NAME_UNKNOWN", HttpStatus.NOT_FOUND),
	UNAUTHORIZED("UNAUTHORIZED", HttpStatus.UNAUTHORIZED),
	DENIED("DENIED", HttpStatus.FORBIDDEN),
	UNSUPPORTED("UNSUPPORTED", HttpStatus.METHOD_NOT_ALLOWED),
	BAD_REQUEST("UNSUPPORTED", HttpStatus.BAD_REQUEST),
	REQUEST_LINE_TOO_LONG("UNSUPPORTED", HttpStatus.URI_TOO_LONG),
	HEADERS_TOO_LARGE("UNSUPPORTED", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
	TOO_MANY_REQUESTS("TOOMANYREQUESTS", HttpStatus.TOO_MANY_REQUESTS),
	TOKEN_REQUEST_TOO_LARGE("SIZE_INVALID", HttpStatus.CONTENT_TOO_LARGE),
	REQUEST_TIMEOUT("UNSUPPORTED", HttpStatus.REQUEST_TIMEOUT),
	MANIFEST_TOO_LARGE("SIZE_INVALID", HttpStatus.BAD_GATEWAY),
	UPSTREAM_INVALID("MANIFEST_INVALID", HttpStatus.BAD_GATEWAY),
	UPSTREAM_DIGEST_MISMATCH("MANIFEST_INVALID", HttpStatus.BAD_GATEWAY),
	UPSTREAM_UNAVAILABLE("UNAVAILABLE", HttpStatus.BAD_GATEWAY),
	/** The upstream refused the gateway's own credentials for it (or wants some): its configuration, not the client's. */
	UPSTREAM_UNAUTHORIZED("UNAUTHORIZED", HttpStatus.UNAUTHORIZED),
	UPSTREAM_TIMEOUT("UNAVAILABLE", HttpStatus.GATEWAY_TIMEOUT),
	SESSIONS_UNAVAILABLE("UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
	MANIFEST_STORE_UNAVAILABLE("UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
	RANGE_INVALID("RANGE_INVALID", HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE),
	INTERNAL("UNKNOWN", HttpStatus.INTERNAL_SERVER_ERROR);

	private final String code;

	private final HttpStatus status;

	OciError(String code, HttpStatus status) {
		this.code = code;
		this.status = status;
	}

	/** The code as it appears in the error document. */
	public String code() {
		return code;
	}

	public HttpStatus status() {
		return status;
	}

	public OciException exception(String message) {
		return new OciException(this, message, null);
	}

	public OciException exception(String message, Object detail) {
		return new OciException(this, message, detail);
	}

}
