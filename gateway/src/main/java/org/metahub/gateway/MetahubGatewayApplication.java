package org.metahub.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** MetaHub Gateway: a registry proxy that serves each machine type the image variant built for it. */
@SpringBootApplication
@ConfigurationPropertiesScan("org.metahub.config")
public class MetahubGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(MetahubGatewayApplication.class, args);
	}

}
