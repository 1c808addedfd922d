package org.metahub.gateway;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metahub.config.TimeoutProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged defaults of every bounded wait, as README and docs/operations.md give them. */
class TimeoutDefaultsTest {

	@Test
	void packagedDefaults() throws IOException {
		MockEnvironment environment = new MockEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		Binder binder = Binder.get(environment);
		assertThat(binder.bind("server.netty.idle-timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(60));
		assertThat(binder.bind("spring.data.redis.timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(2));
		TimeoutProperties timeouts = binder.bindOrCreate("metahub.timeouts", TimeoutProperties.class);
		assertThat(timeouts.upstreamBodyIdle()).isEqualTo(Duration.ofSeconds(30));
		assertThat(timeouts.requestBodyIdle()).isEqualTo(Duration.ofSeconds(30));
	}

}
