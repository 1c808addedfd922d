package org.metahub.filters;

import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;

/**
 * Every global filter's order, each derived from one of Spring Cloud Gateway's own constants.
 * Filters that decorate the response must come before the write-response filter; filters that
 * shape the upstream request come after the route URL is known.
 */
public final class FilterOrder {

	private static final int WRITE_RESPONSE = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER;

	/** Parses and validates the distribution path, refuses writes. */
	public static final int REQUEST_VALIDATION = WRITE_RESPONSE - 50;

	/** Resolves the caller's machine type from a session token or Basic credentials. */
	public static final int AUTHENTICATION = WRITE_RESPONSE - 40;

	/** Answers {@code GET /v2/} once the caller is known. */
	public static final int BASE_ENDPOINT = WRITE_RESPONSE - 30;

	/** Serves rewritten lists that clients ask for again by their digest. */
	public static final int REWRITTEN_MANIFEST = WRITE_RESPONSE - 20;

	/**
	 * Answers virtual images: after the rewritten lists (which include built indexes) and before the
	 * upstream URL, so that a rerouted blob request gets the component's URL and credentials.
	 */
	public static final int VIRTUAL_IMAGE = WRITE_RESPONSE - 10;

	/** Points the request at the upstream, where Spring Cloud Gateway's own URL filter (switched off) would run. */
	public static final int UPSTREAM_URL = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 10;

	/** Chooses the upstream's credentials, sent instead of the client's. */
	public static final int UPSTREAM_AUTH = UPSTREAM_URL + 10;

	/** Rewrites the {@code Link} of paginated answers so that clients stay on the upstream they named. */
	public static final int PAGINATION_LINK = UPSTREAM_URL + 5;

	/** Follows blob redirects for upstreams that ask for it: after the upstream's credentials are set. */
	public static final int BLOB_REDIRECT = UPSTREAM_AUTH + 5;

	/**
	 * Serves blobs cached and confirmed for their repository: once the upstream's URL is known, before its
	 * credentials are chosen (which may ask the upstream), so they are served with the upstream down.
	 */
	public static final int BLOB_CACHE_HITS = UPSTREAM_URL + 2;

	/** Answers blob requests from the blob cache: after the upstream's URL, credentials and the redirect filter are set. */
	public static final int BLOB_CACHE = BLOB_REDIRECT + 3;

	/** Answers manifest requests from the cache or its own upstream fetch, rewriting lists; the routing filter never sees them. */
	public static final int MANIFEST_FETCH = UPSTREAM_AUTH + 10;

	/** Answers tag lists asked for by page ({@code n}, {@code last}), paging over the upstream's list. */
	public static final int TAG_LIST = MANIFEST_FETCH + 1;

	/** Answers referrers, from the referrers tag schema when the upstream has no referrers API. */
	public static final int REFERRERS = MANIFEST_FETCH + 2;

	/** Times the upstream until its response headers arrive: the last filter before the routing filter. */
	public static final int UPSTREAM_LATENCY = NettyRoutingFilter.ORDER - 1;

	private FilterOrder() {
	}

}
