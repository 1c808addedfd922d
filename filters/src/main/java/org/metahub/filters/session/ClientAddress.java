package org.metahub.filters.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address logins are throttled by: the connection's remote address, which behind a proxy or an
 * Ingress is the proxy's unless {@code server.forward-headers-strategy} makes Spring trust the
 * forwarded headers. An IPv6 address counts as its /64 network, since one host commonly has a whole
 * /64 to pick addresses from.
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
		InetAddress address = remote.getAddress();
		if (address == null) {
			return remote.getHostString();
		}
		return address instanceof Inet6Address ? network64(address.getAddress()) : address.getHostAddress();
	}

	private static String network64(byte[] bytes) {
		StringBuilder network = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return network.append(":/64").toString();
	}

}
