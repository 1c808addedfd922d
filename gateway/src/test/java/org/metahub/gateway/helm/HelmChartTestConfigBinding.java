package org.metahub.gateway.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metahub.gateway.helm.RenderedChart.at;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.config.MachineType;
import org.metahub.config.MachineTypeProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/**
 * Binds the rendered application.yml the way the gateway does: over the embedded application.yml, with the
 * pod's Secret-backed environment variables resolving the placeholders.
 */
class HelmChartTestConfigBinding {

	static final String BCRYPT = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoO5IuS0kzpmQu1xYLc0ZS6jEhPAaFQ0Ey";

	@TempDir
	Path dir;

	@Test
	void machineTypesBindWithPasswordsFromTheEnvironment() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, """
				machineTypes:
				  - {name: skylake, login: type1, password: pw1, passwordHash: "%s", features: ["cpu:skylake"]}
				  - {login: type2, password: pw2, features: ["cpu:broadwell"]}
				allowNoopPasswords: true
				""".formatted(BCRYPT));
		MachineTypeProperties bound = bind(chart, Map.of("METAHUB_MACHINE_TYPE_0_PASSWORD", BCRYPT,
				"METAHUB_MACHINE_TYPE_1_PASSWORD", "{noop}pw2"));
		assertThat(bound.machineTypes()).containsExactly(
				new MachineType("skylake", "type1", BCRYPT, List.of("cpu:skylake")),
				new MachineType("type2", "type2", "{noop}pw2", List.of("cpu:broadwell")));
	}

	@Test
	void theChartsEmptyListReplacesTheEmbeddedDemoMachineTypes() throws Exception {
		assertThat(bind(RenderedChart.render(dir, ""), Map.of()).machineTypes()).isEmpty();
	}

	private static MachineTypeProperties bind(RenderedChart chart, Map<String, Object> env) throws Exception {
		String yaml = at(chart.get("ConfigMap", HelmChartTest.GATEWAY), "data", "application.yml");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("pod-env", env));
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		// Spring Boot ranks spring.config.additional-location above the embedded application.yml.
		for (PropertySource<?> source : loader.load("chart", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
			environment.getPropertySources().addLast(source);
		}
		for (PropertySource<?> source : loader.load("embedded", new ClassPathResource("application.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		return Binder.get(environment).bind("metahub", MachineTypeProperties.class)
			.orElseGet(() -> new MachineTypeProperties(null));
	}

}
