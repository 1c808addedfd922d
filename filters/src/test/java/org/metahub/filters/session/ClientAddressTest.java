package org.metahub.filters.session;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

	private static String of(String address) {
		return ClientAddress.of(new InetSocketAddress(address, 40000));
	}

	@Test
	void countsAnIpv4AddressAsItselfAndAnIpv6AddressAsItsNetwork() {
		assertThat(of("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(of("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(of("2001:db8:1:2:bbbb::7")).isEqualTo("2001:db8:1:2::/64");
		assertThat(of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
		assertThat(ClientAddress.of((InetSocketAddress) null)).isEqualTo("unknown");
	}

}
