package org.metahub.gateway;

import org.metahub.filters.testing.RedisServer;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;

/** Servers shared by the cached application contexts of the integration tests, stopped when the JVM ends. */
final class TestServers {

	static final RegistryServer UPSTREAM = stopAtExit(RegistryServer.start());

	private TestServers() {
	}

	static RedisServer redis() {
		return stopAtExit(RedisServer.start());
	}

	private static <T extends ServerProcess> T stopAtExit(T server) {
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		return server;
	}

}
