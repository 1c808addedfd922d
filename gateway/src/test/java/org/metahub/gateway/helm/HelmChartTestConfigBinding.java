package org.metahub.gateway.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metahub.gateway.helm.RenderedChart.at;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.config.AdminProperties;
import org.metahub.config.FeatureImplicationProperties;
import org.metahub.config.MachineType;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.UpstreamListProperties;
import org.metahub.config.UpstreamProperties;

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

	@Test
	void machineTypeOptionsBind() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, """
				machineTypes:
				  - {login: gpu, passwordHash: "%s", features: ["nvcap:8.0"], fallback: none, resolve: image,
				     platform: linux/arm64/v8, pinned: reject}
				""".formatted(BCRYPT));
		MachineType bound = bind(chart, Map.of("METAHUB_MACHINE_TYPE_0_PASSWORD", BCRYPT)).machineTypes().get(0);
		assertThat(bound).isEqualTo(new MachineType("gpu", "gpu", BCRYPT, List.of("nvcap:8.0"), MachineType.Fallback.NONE,
				MachineType.Resolve.IMAGE, "linux/arm64/v8", MachineType.Pinned.REJECT));
	}

	@Test
	void upstreamsBindWithCredentialsFromTheMountedFiles() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, """
				upstreams:
				  - {name: docker.io, url: "https://registry-1.docker.io", default: true}
				  - name: registry.example.com
				    url: https://registry.example.com
				    username: robot
				    password: upstream-secret
				    followRedirects: true
				    allowedRealms: [auth.example.com]
				""");
		Map<String, Object> pod = at(chart.get("Deployment", HelmChartTest.GATEWAY), "spec", "template", "spec");
		String mountPath = at(RenderedChart.named(at(pod, "containers", 0, "volumeMounts"), "upstream-credentials"), "mountPath");
		// what the kubelet does: each item of the projected Secret becomes a file under the mount path
		Path mount = Files.createDirectories(dir.resolve("mount"));
		Map<String, Object> secret = at(RenderedChart.named(at(pod, "volumes"), "upstream-credentials"), "projected", "sources", 0, "secret");
		for (Map<String, Object> item : RenderedChart.<List<Map<String, Object>>>at(secret, "items")) {
			String encoded = at(chart.get("Secret", (String) secret.get("name")), "data", item.get("key"));
			Path file = mount.resolve((String) item.get("path"));
			Files.createDirectories(file.getParent());
			Files.write(file, Base64.getDecoder().decode(encoded));
		}
		String yaml = RenderedChart.<String>at(chart.get("ConfigMap", HelmChartTest.GATEWAY), "data", "application.yml")
			.replace(mountPath, mount.toString());
		List<UpstreamProperties> upstreams = bind(yaml, Map.of(), UpstreamListProperties.class).upstreams();
		assertThat(upstreams.get(0).hasCredentials()).isFalse();
		assertThat(upstreams.get(0).followRedirects()).isFalse();
		UpstreamProperties example = upstreams.get(1);
		assertThat(example.username()).isEqualTo("robot");
		assertThat(example.password()).isEqualTo("upstream-secret");
		assertThat(example.followRedirects()).isTrue();
		assertThat(example.allowedRealms()).containsExactly("auth.example.com");
		assertThat(example.isDefault()).isFalse();
	}

	@Test
	void featureImplicationsKeepTheColonInTheirKeys() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, "featureImplications: {\"nvcap:8.0\": [\"nvcap:7.5\"]}\n");
		assertThat(bind(yaml(chart), Map.of(), FeatureImplicationProperties.class).featureImplications())
			.isEqualTo(Map.of("nvcap:8.0", List.of("nvcap:7.5")));
	}

	@Test
	void adminBindsWithItsHashFromTheEnvironmentAndIsOffByDefault() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, "admin: {username: ops, passwordHash: \"" + BCRYPT + "\"}\n");
		AdminProperties admin = bind(yaml(chart), Map.of("METAHUB_ADMIN_PASSWORD", BCRYPT), AdminProperties.class, "metahub.admin");
		assertThat(admin.username()).isEqualTo("ops");
		assertThat(admin.password()).isEqualTo(BCRYPT);
		assertThat(bind(yaml(RenderedChart.render(dir, "")), Map.of(), AdminProperties.class, "metahub.admin")).isNull();
	}

	@Test
	void shutdownTimeoutBindsAsSpringsLifecycleTimeout() throws Exception {
		StandardEnvironment environment = environment(yaml(RenderedChart.render(dir, "shutdownTimeout: 2m\n")), Map.of());
		assertThat(Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).get())
			.isEqualTo(Duration.ofMinutes(2));
	}

	private static String yaml(RenderedChart chart) {
		return at(chart.get("ConfigMap", HelmChartTest.GATEWAY), "data", "application.yml");
	}

	private static MachineTypeProperties bind(RenderedChart chart, Map<String, Object> env) throws Exception {
		MachineTypeProperties bound = bind(yaml(chart), env, MachineTypeProperties.class);
		return bound != null ? bound : new MachineTypeProperties(null);
	}

	private static <T> T bind(String yaml, Map<String, Object> env, Class<T> type) throws Exception {
		return bind(yaml, env, type, "metahub");
	}

	private static <T> T bind(String yaml, Map<String, Object> env, Class<T> type, String prefix) throws Exception {
		return Binder.get(environment(yaml, env)).bind(prefix, type).orElse(null);
	}

	private static StandardEnvironment environment(String yaml, Map<String, Object> env) throws Exception {
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
		return environment;
	}

}
