package org.metahub.gateway;

import reactor.netty.ReactorNetty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** MetaHub Gateway: a registry proxy that serves each machine type the image variant built for it. */
@SpringBootApplication
@ConfigurationPropertiesScan("org.metahub.config")
public class MetahubGatewayApplication {

	public static void main(String[] args) {
		useOneEventLoopPerCore();
		SpringApplication.run(MetahubGatewayApplication.class, args);
	}

	// Reactor Netty runs at least four event loops; on a machine with fewer cores they take turns on a core,
	// which shows in the latency tail (bench/README.md, finding 12). An explicit setting is kept.
	static void useOneEventLoopPerCore() {
		if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
			System.setProperty(ReactorNetty.IO_WORKER_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
		}
	}

}
