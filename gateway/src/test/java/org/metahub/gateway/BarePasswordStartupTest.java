package org.metahub.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A machine type whose password is not in delegating format stops start-up, naming the login. */
class BarePasswordStartupTest {

	@Test
	void refusesToStartWithABarePassword() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MetahubGatewayApplication.class);
		assertThatThrownBy(() -> application.run("--server.port=0", "--metahub.machine-types[0].login=bare-node",
				"--metahub.machine-types[0].password=plain-secret"))
			.rootCause()
			.hasMessageContaining("login 'bare-node'")
			.hasMessageContaining("delegating format")
			.hasMessageNotContaining("plain-secret");
	}

}
