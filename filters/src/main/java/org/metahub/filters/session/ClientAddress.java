package org.metahub.filters.session;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address logins are throttled by: the connection's remote address, which behind a proxy or an
 * Ingress is the proxy's unless {@code server.forward-headers-strategy} makes Spring trust the
 * forwarded headers.
 */
public final class ClientAddress {

	static final String UNKNOWN = "unknown";

	private ClientAddress() {
	}

	public static String of(ServerHttpRequest request) {
		return of(request.getRemoteAddress());
	}

	public static String of(InetSocketAddress remote) {
		if (remote == null) {
			return UNKNOWN;
		}
		return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
