package org.metahub.gateway.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metahub.gateway.helm.RenderedChart.at;
import static org.metahub.gateway.helm.RenderedChart.named;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** Lints and renders the chart with the value sets operators use, and checks the parsed resources. */
class HelmChartTest {

	static final String GATEWAY = "rel-metahub";

	static final String BCRYPT = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoO5IuS0kzpmQu1xYLc0ZS6jEhPAaFQ0Ey";

	@TempDir
	Path dir;

	@Test
	void lintInStrictModePasses() {
		LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
		assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
	}

	@Test
	void defaultsRenderASafeGatewayWithoutMachineTypes() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, "");
		Map<String, Object> deployment = chart.get("Deployment", GATEWAY);
		Map<String, Object> pod = at(deployment, "spec", "template");
		Map<String, Object> container = at(pod, "spec", "containers", 0);

		assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(2);
		assertThat((Integer) at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isZero();
		assertThat((Map<String, Object>) at(pod, "metadata", "labels"))
			.containsAllEntriesOf(at(deployment, "spec", "selector", "matchLabels"));
		assertThat((Map<String, Object>) at(pod, "metadata", "labels"))
			.containsAllEntriesOf(at(chart.get("Service", GATEWAY), "spec", "selector"));
		assertThat((Map<String, Object>) at(pod, "metadata", "labels"))
			.containsAllEntriesOf(at(chart.get("PodDisruptionBudget", GATEWAY), "spec", "selector", "matchLabels"));
		assertThat((String) at(pod, "spec", "topologySpreadConstraints", 0, "topologyKey")).isEqualTo("kubernetes.io/hostname");

		String appVersion = (String) new Yaml().<Map<String, Object>>load(Files.readString(RenderedChart.CHART.resolve("Chart.yaml"))).get("appVersion");
		assertThat((String) container.get("image")).isEqualTo("metahub/gateway:" + appVersion);
		Map<String, Object> port = at(chart.get("Service", GATEWAY), "spec", "ports", 0);
		assertThat(port).containsEntry("name", "http").containsEntry("port", 8080);

		assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat((String) at(container, probe, "httpGet", "port")).isEqualTo("http");
		}

		assertThat((Boolean) at(pod, "spec", "securityContext", "runAsNonRoot")).isTrue();
		assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
		assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();
		assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
		assertThat((Map<String, Object>) at(container, "resources", "requests")).containsKeys("cpu", "memory");
		assertThat((Map<String, Object>) at(container, "resources", "limits")).containsKeys("cpu", "memory");
		assertThat(named(at(container, "volumeMounts"), "tmp")).containsEntry("mountPath", "/tmp");
		assertThat(named(at(pod, "spec", "volumes"), "tmp")).containsKey("emptyDir");

		assertThat((String) at(pod, "metadata", "annotations", "checksum/config")).matches("[0-9a-f]{64}");
		assertThat((String) at(pod, "metadata", "annotations", "checksum/secret")).matches("[0-9a-f]{64}");

		Map<String, Object> config = applicationConfig(chart);
		assertThat((List<?>) at(config, "metahub", "machine-types")).isEmpty();
		assertThat((Map<String, Object>) at(config, "spring")).containsOnlyKeys("lifecycle");
		assertThat((String) at(config, "spring", "lifecycle", "timeout-per-shutdown-phase")).isEqualTo("30s");
		// preStop sleep 5s + shutdown timeout 30s + 15s margin
		assertThat((Integer) at(pod, "spec", "terminationGracePeriodSeconds")).isEqualTo(50);
		assertThat((Map<String, Object>) at(config, "metahub")).doesNotContainKeys("admin", "feature-implications");
		assertThat(named(at(pod, "spec", "volumes"), "tmp")).isNotNull();
		assertThat((List<Map<String, Object>>) at(pod, "spec", "volumes")).noneMatch(v -> "upstream-credentials".equals(v.get("name")));
		assertThat((Integer) at(config, "server", "port")).isEqualTo(8080);
		assertThat((String) at(config, "management", "endpoints", "web", "exposure", "include"))
			.isEqualTo("health,info,prometheus");
		assertThat((Boolean) at(config, "management", "endpoint", "health", "probes", "enabled")).isTrue();
		assertThat(chart.names()).noneMatch(n -> n.startsWith("Ingress/") || n.startsWith("HorizontalPodAutoscaler/")
				|| n.startsWith("ServiceMonitor/") || n.startsWith("NetworkPolicy/") || n.startsWith("DaemonSet/")
				|| n.startsWith("StatefulSet/"));
	}

	@Test
	void machineTypePasswordsReachTheGatewayOnlyThroughTheSecret() {
		RenderedChart chart = RenderedChart.render(dir, """
				machineTypes:
				  - name: skylake
				    login: type1
				    password: plain-secret
				    passwordHash: "%s"
				    features: ["cpu:skylake"]
				""".formatted(BCRYPT));
		Map<String, Object> machineType = at(applicationConfig(chart), "metahub", "machine-types", 0);
		assertThat(machineType).containsEntry("login", "type1")
			.containsEntry("password", "${METAHUB_MACHINE_TYPE_0_PASSWORD}")
			.containsEntry("features", List.of("cpu:skylake"));
		assertThat((String) at(chart.get("ConfigMap", GATEWAY), "data", "application.yml"))
			.doesNotContain("plain-secret").doesNotContain("$2a$10$");

		Map<String, Object> env = named(at(gatewayContainer(chart), "env"), "METAHUB_MACHINE_TYPE_0_PASSWORD");
		assertThat((String) at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo(GATEWAY);
		assertThat((String) at(env, "valueFrom", "secretKeyRef", "key")).isEqualTo("machine-type-type1-password-hash");
		assertThat(secretValue(chart, GATEWAY, "machine-type-type1-password-hash")).isEqualTo(BCRYPT);
		assertThat(secretValue(chart, GATEWAY, "machine-type-type1-password")).isEqualTo("plain-secret");
	}

	@Test
	void aMachineTypeWithoutHashIsRefusedUnlessNoopIsChosen() {
		String values = """
				machineTypes:
				  - login: type1
				    password: pw1
				""";
		assertThatThrownBy(() -> RenderedChart.render(dir, values))
			.hasMessageContaining("machineTypes[0] (type1): set passwordHash");
		RenderedChart chart = RenderedChart.render(dir, values + "allowNoopPasswords: true\n");
		assertThat(secretValue(chart, GATEWAY, "machine-type-type1-password-hash")).isEqualTo("{noop}pw1");
	}

	@Test
	void changingConfigurationOrSecretsChangesTheChecksums() {
		String base = "machineTypes: [{login: type1, password: pw1, passwordHash: \"" + BCRYPT + "\"}]\n";
		Map<String, Object> before = podAnnotations(RenderedChart.render(dir, base));
		Map<String, Object> otherConfig = podAnnotations(RenderedChart.render(dir, base + "virtualImages: {a.yaml: \"x: 1\"}\n"));
		Map<String, Object> otherSecret = podAnnotations(RenderedChart.render(dir, base.replace("pw1", "pw2")));
		assertThat(otherConfig.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
		assertThat(otherConfig.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
		assertThat(otherSecret.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
		assertThat(otherSecret.get("checksum/config")).isEqualTo(before.get("checksum/config"));
	}

	@Test
	void virtualImagesAreMountedAsTheConfiguredFolder() {
		RenderedChart chart = RenderedChart.render(dir, """
				virtualImages:
				  python.yaml: "name: python\\n"
				""");
		assertThat((String) at(applicationConfig(chart), "metahub", "virtual-images", "location"))
			.isEqualTo("/etc/metahub/virtual-images");
		assertThat((String) at(chart.get("ConfigMap", GATEWAY + "-virtual-images"), "data", "python.yaml"))
			.isEqualTo("name: python\n");
		assertThat(named(at(gatewayContainer(chart), "volumeMounts"), "virtual-images"))
			.containsEntry("mountPath", "/etc/metahub/virtual-images");
	}

	@Test
	void bundledRedisRunsAsAStatefulSetWithItsPasswordFromTheSecret() {
		RenderedChart chart = RenderedChart.render(dir, "redis: {enabled: true, password: redis-pw}\n");
		Map<String, Object> statefulSet = chart.get("StatefulSet", GATEWAY + "-redis");
		Map<String, Object> pod = at(statefulSet, "spec", "template");
		Map<String, Object> redis = at(pod, "spec", "containers", 0);

		assertThat((Map<String, Object>) at(pod, "metadata", "labels"))
			.containsAllEntriesOf(at(statefulSet, "spec", "selector", "matchLabels"))
			.containsAllEntriesOf(at(chart.get("Service", GATEWAY + "-redis"), "spec", "selector"));
		assertThat((String) at(statefulSet, "spec", "volumeClaimTemplates", 0, "metadata", "name")).isEqualTo("data");
		assertThat((Boolean) at(pod, "spec", "securityContext", "runAsNonRoot")).isTrue();
		assertThat((Boolean) at(redis, "securityContext", "readOnlyRootFilesystem")).isTrue();
		assertThat((String) at(named(at(redis, "env"), "REDIS_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
			.isEqualTo("redis-password");
		assertThat(secretValue(chart, GATEWAY, "redis-password")).isEqualTo("redis-pw");

		Map<String, Object> env = named(at(gatewayContainer(chart), "env"), "METAHUB_REDIS_PASSWORD");
		assertThat((String) at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo(GATEWAY);
		assertThat((String) at(applicationConfig(chart), "spring", "data", "redis", "url"))
			.isEqualTo("redis://:${METAHUB_REDIS_PASSWORD}@" + GATEWAY + "-redis:6379");
	}

	@Test
	void bundledRedisWithoutPasswordIsRefused() {
		assertThatThrownBy(() -> RenderedChart.render(dir, "redis: {enabled: true}\n"))
			.hasMessageContaining("redis.enabled needs a password");
	}

	@Test
	void externalRedisAndExistingSecretsCreateNoSecretOfTheirOwn() {
		RenderedChart chart = RenderedChart.render(dir, """
				existingSecret: metahub-credentials
				machineTypes: [{login: type1}]
				upstreams:
				  - {name: ghcr.io, url: "https://ghcr.io", default: true, secretCredentials: true}
				redis:
				  url: rediss://redis.example:6380/2
				  existingSecret: redis-credentials
				  existingSecretPasswordKey: password
				""");
		assertThat(chart.all("Secret")).isEmpty();
		assertThat(chart.all("StatefulSet")).isEmpty();
		List<Map<String, Object>> env = at(gatewayContainer(chart), "env");
		assertThat((Map<String, Object>) at(named(env, "METAHUB_MACHINE_TYPE_0_PASSWORD"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", "metahub-credentials").containsEntry("key", "machine-type-type1-password-hash");
		assertThat(env).noneMatch(e -> String.valueOf(e.get("name")).startsWith("METAHUB_UPSTREAM_"));
		Map<String, Object> credentials = at(named(at(chart.get("Deployment", GATEWAY), "spec", "template", "spec", "volumes"),
				"upstream-credentials"), "projected", "sources", 0, "secret");
		assertThat(credentials).containsEntry("name", "metahub-credentials");
		assertThat((List<Object>) credentials.get("items")).containsExactly(
				Map.of("key", "upstream-ghcr.io-username", "path", "ghcr.io/username"),
				Map.of("key", "upstream-ghcr.io-password", "path", "ghcr.io/password"));
		assertThat((Map<String, Object>) at(named(env, "METAHUB_REDIS_PASSWORD"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", "redis-credentials").containsEntry("key", "password");

		Map<String, Object> config = applicationConfig(chart);
		assertThat((String) at(config, "spring", "data", "redis", "url"))
			.isEqualTo("rediss://:${METAHUB_REDIS_PASSWORD}@redis.example:6380/2");
		assertThat((Map<String, Object>) at(config, "metahub", "upstreams", 0))
			.containsEntry("username-file", "/var/run/secrets/metahub/upstreams/ghcr.io/username")
			.containsEntry("password-file", "/var/run/secrets/metahub/upstreams/ghcr.io/password")
			.doesNotContainKeys("username", "password");
	}

	@Test
	void upstreamCredentialsAreMountedAsFilesAndOptionsRendered() {
		RenderedChart chart = RenderedChart.render(dir, """
				upstreams:
				  - {name: docker.io, url: "https://registry-1.docker.io", default: true}
				  - name: registry.example.com
				    url: https://registry.example.com
				    username: robot
				    password: upstream-secret
				    followRedirects: true
				    allowedRealms: [auth.example.com]
				  - {name: ghcr.io, url: "https://ghcr.io", followRedirects: false}
				""");
		List<Map<String, Object>> upstreams = at(applicationConfig(chart), "metahub", "upstreams");
		assertThat(upstreams.get(0)).doesNotContainKeys("username", "password", "username-file", "password-file",
				"follow-redirects", "allowed-realms");
		assertThat(upstreams.get(1))
			.containsEntry("username-file", "/var/run/secrets/metahub/upstreams/registry.example.com/username")
			.containsEntry("password-file", "/var/run/secrets/metahub/upstreams/registry.example.com/password")
			.containsEntry("follow-redirects", true)
			.containsEntry("allowed-realms", List.of("auth.example.com"))
			.doesNotContainKeys("username", "password");
		assertThat(upstreams.get(2)).containsEntry("follow-redirects", false).doesNotContainKey("username-file");
		assertThat((String) at(chart.get("ConfigMap", GATEWAY), "data", "application.yml"))
			.doesNotContain("upstream-secret").doesNotContain("robot");

		Map<String, Object> container = gatewayContainer(chart);
		assertThat((List<Map<String, Object>>) at(container, "env"))
			.noneMatch(e -> String.valueOf(e.get("name")).startsWith("METAHUB_UPSTREAM_"));
		assertThat(named(at(container, "volumeMounts"), "upstream-credentials"))
			.containsEntry("mountPath", "/var/run/secrets/metahub/upstreams").containsEntry("readOnly", true);
		Map<String, Object> projected = at(named(at(chart.get("Deployment", GATEWAY), "spec", "template", "spec", "volumes"),
				"upstream-credentials"), "projected");
		assertThat(projected).containsEntry("defaultMode", 0400);
		assertThat((Map<String, Object>) at(projected, "sources", 0, "secret")).containsEntry("name", GATEWAY)
			.containsEntry("items", List.of(
					Map.of("key", "upstream-registry.example.com-username", "path", "registry.example.com/username"),
					Map.of("key", "upstream-registry.example.com-password", "path", "registry.example.com/password")));
		assertThat(secretValue(chart, GATEWAY, "upstream-registry.example.com-username")).isEqualTo("robot");
		assertThat(secretValue(chart, GATEWAY, "upstream-registry.example.com-password")).isEqualTo("upstream-secret");
	}

	@Test
	void machineTypeOptionsAreRenderedOnlyWhenSet() {
		RenderedChart chart = RenderedChart.render(dir, """
				machineTypes:
				  - login: gpu
				    passwordHash: "%1$s"
				    fallback: none
				    resolve: image
				    platform: linux/arm64/v8
				    pinned: reject
				  - login: plain
				    passwordHash: "%1$s"
				""".formatted(BCRYPT));
		List<Map<String, Object>> machineTypes = at(applicationConfig(chart), "metahub", "machine-types");
		assertThat(machineTypes.get(0)).containsEntry("fallback", "none").containsEntry("resolve", "image")
			.containsEntry("platform", "linux/arm64/v8").containsEntry("pinned", "reject");
		assertThat(machineTypes.get(1)).doesNotContainKeys("fallback", "resolve", "platform", "pinned");
	}

	@Test
	void featureImplicationsAreWrittenWithBracketedKeys() {
		RenderedChart chart = RenderedChart.render(dir, """
				featureImplications:
				  "nvcap:8.0": ["nvcap:7.5"]
				  "cpu:custom": ["cpu:skylake", "cpu:x86-64-v3"]
				""");
		assertThat((Map<String, Object>) at(applicationConfig(chart), "metahub", "feature-implications")).isEqualTo(Map.of(
				"[nvcap:8.0]", List.of("nvcap:7.5"), "[cpu:custom]", List.of("cpu:skylake", "cpu:x86-64-v3")));
	}

	@Test
	void adminPasswordHashReachesTheGatewayThroughTheSecret() {
		RenderedChart chart = RenderedChart.render(dir, "admin: {username: ops, passwordHash: \"" + BCRYPT + "\"}\n");
		assertThat((Map<String, Object>) at(applicationConfig(chart), "metahub", "admin"))
			.isEqualTo(Map.of("username", "ops", "password", "${METAHUB_ADMIN_PASSWORD}"));
		assertThat((String) at(chart.get("ConfigMap", GATEWAY), "data", "application.yml")).doesNotContain("$2a$10$");
		assertThat((Map<String, Object>) at(named(at(gatewayContainer(chart), "env"), "METAHUB_ADMIN_PASSWORD"),
				"valueFrom", "secretKeyRef")).containsEntry("name", GATEWAY).containsEntry("key", "admin-password-hash");
		assertThat(secretValue(chart, GATEWAY, "admin-password-hash")).isEqualTo(BCRYPT);

		RenderedChart existing = RenderedChart.render(dir, "existingSecret: creds\nadmin: {username: ops}\n");
		assertThat((Map<String, Object>) at(named(at(gatewayContainer(existing), "env"), "METAHUB_ADMIN_PASSWORD"),
				"valueFrom", "secretKeyRef")).containsEntry("name", "creds").containsEntry("key", "admin-password-hash");
		assertThat((String) at(applicationConfig(existing), "metahub", "admin", "username")).isEqualTo("ops");

		assertThat((List<Map<String, Object>>) at(gatewayContainer(RenderedChart.render(dir, "")), "env"))
			.noneMatch(e -> "METAHUB_ADMIN_PASSWORD".equals(e.get("name")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			username without hash          | admin: {username: ops}                                   | admin.username needs admin.passwordHash
			hash without username          | admin: {passwordHash: "{bcrypt}x"}                        | admin.passwordHash needs admin.username
			hash in values with secret     | existingSecret: c\\nadmin: {username: ops, passwordHash: "{bcrypt}x"} | put admin-password-hash in that Secret
			admin is a machine type login  | admin: {username: t1, passwordHash: "{bcrypt}x"}\\nmachineTypes: [{login: t1, passwordHash: "{bcrypt}x"}] | also the login of a machine type
			grace period too short         | shutdownTimeout: 2m\\nterminationGracePeriodSeconds: 100  | must exceed preStopSleepSeconds plus shutdownTimeout (125 seconds)
			blob cache claim without name  | replicaCount: 1\\nblobCache: {volume: {type: existingClaim}} | needs blobCache.volume.existingClaim
			one blob cache claim, 2 pods   | blobCache: {volume: {type: existingClaim, existingClaim: c}} | holds one replica's cache
			""")
	void inconsistentValuesAreRefused(String description, String values, String message) {
		assertThatThrownBy(() -> RenderedChart.render(dir, values.replace("\\n", "\n") + "\n")).hasMessageContaining(message);
	}

	@ParameterizedTest(name = "shutdownTimeout {0}, preStop {1}s, set {2} -> {3}s")
	@CsvSource(delimiter = '|', textBlock = """
			30s   | 5  | null | 50
			2m    | 5  | null | 140
			500ms | 0  | null | 16
			1h    | 10 | null | 3625
			2m    | 5  | 300  | 300
			""")
	void terminationGracePeriodExceedsTheShutdownTimeout(String timeout, int preStop, String set, int expected) {
		RenderedChart chart = RenderedChart.render(dir, "shutdownTimeout: " + timeout + "\npreStopSleepSeconds: " + preStop
				+ "\nterminationGracePeriodSeconds: " + set + "\n");
		assertThat((String) at(applicationConfig(chart), "spring", "lifecycle", "timeout-per-shutdown-phase")).isEqualTo(timeout);
		assertThat((Integer) at(chart.get("Deployment", GATEWAY), "spec", "template", "spec", "terminationGracePeriodSeconds"))
			.isEqualTo(expected);
	}

	@Test
	void passwordsInValuesAreRefusedWhenAnExistingSecretIsUsed() {
		assertThatThrownBy(() -> RenderedChart.render(dir, "existingSecret: creds\nmachineTypes: [{login: type1, password: pw}]\n"))
			.hasMessageContaining("machineTypes (type1): with existingSecret, put passwords in that Secret");
	}

	@Test
	void redisSentinelUsesSpringBootsSentinelProperties() {
		RenderedChart chart = RenderedChart.render(dir, """
				redis:
				  password: pw
				  sentinel: {master: mymaster, nodes: ["s1:26379", "s2:26379"]}
				""");
		Map<String, Object> redis = at(applicationConfig(chart), "spring", "data", "redis");
		assertThat(redis).doesNotContainKey("url").containsEntry("password", "${METAHUB_REDIS_PASSWORD}");
		assertThat((Map<String, Object>) redis.get("sentinel"))
			.containsEntry("master", "mymaster").containsEntry("nodes", "s1:26379,s2:26379");
	}

	@Test
	void nodeLoginWritesHostsTomlForEachUpstreamOnEachMachineTypesNodes() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, nodeLoginValues(""));
		assertThat(chart.all("DaemonSet")).hasSize(2);
		Map<String, Object> daemonSet = chart.get("DaemonSet", GATEWAY + "-node-login-skylake");
		Map<String, Object> pod = at(daemonSet, "spec", "template");
		assertThat((Map<String, Object>) at(pod, "metadata", "labels"))
			.containsAllEntriesOf(at(daemonSet, "spec", "selector", "matchLabels"));
		assertThat((Map<String, Object>) at(pod, "spec", "nodeSelector"))
			.isEqualTo(Map.of("metahub.io/machine-type", "skylake"));
		assertThat((List<Object>) at(pod, "spec", "tolerations")).isEqualTo(List.of(Map.of("operator", "Exists")));
		assertThat((String) at(pod, "spec", "volumes", 0, "hostPath", "path")).isEqualTo("/etc/containerd/certs.d");
		assertThat((String) at(pod, "metadata", "annotations", "checksum/secret")).matches("[0-9a-f]{64}");
		Map<String, Object> writer = at(pod, "spec", "initContainers", 0);
		assertThat((Boolean) at(writer, "securityContext", "allowPrivilegeEscalation")).isFalse();
		assertThat((Map<String, Object>) at(named(at(writer, "env"), "MACHINE_PASSWORD"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", GATEWAY).containsEntry("key", "machine-type-type1-password");
		assertThat(chart.get("DaemonSet", GATEWAY + "-node-login-broadwell")).isNotNull();

		Path certsDir = runWriter(writer, "type1", "pw1");
		String gateway = "http://rel-metahub.ns.svc.cluster.local:8080";
		String basic = Base64.getEncoder().encodeToString("type1:pw1".getBytes(StandardCharsets.UTF_8));
		for (String registry : List.of("docker.io", "ghcr.io")) {
			String toml = Files.readString(certsDir.resolve(registry).resolve("hosts.toml"));
			assertThat(toml).contains("server = \"" + gateway + "\"")
				.contains("[host.\"" + gateway + "\"]\n  capabilities = [\"pull\", \"resolve\"]")
				.contains("[host.\"" + gateway + "\".header]\n  Authorization = [\"Basic " + basic + "\"]");
			assertThat(Files.getPosixFilePermissions(certsDir.resolve(registry).resolve("hosts.toml")))
				.extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		}
	}

	@Test
	void nodeLoginUsesTheConfiguredGatewayUrlAndOptionalUpstreamFallback() throws Exception {
		RenderedChart chart = RenderedChart.render(dir,
				nodeLoginValues("  gatewayUrl: http://127.0.0.1:30080/\n  upstreamFallback: true\n"));
		Map<String, Object> writer = at(chart.get("DaemonSet", GATEWAY + "-node-login-broadwell"),
				"spec", "template", "spec", "initContainers", 0);
		Path certsDir = runWriter(writer, "type2", "pw2");
		String toml = Files.readString(certsDir.resolve("docker.io").resolve("hosts.toml"));
		assertThat(toml).contains("server = \"https://registry-1.docker.io\"")
			.contains("[host.\"http://127.0.0.1:30080\".header]")
			.contains("Basic " + Base64.getEncoder().encodeToString("type2:pw2".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void nodeLoginNeedsThePlainPassword() {
		assertThatThrownBy(() -> RenderedChart.render(dir, """
				nodeLogin: {enabled: true}
				machineTypes:
				  - {login: type1, passwordHash: "%s", nodeSelector: {a: b}}
				""".formatted(BCRYPT))).hasMessageContaining("node login needs the plain password");
	}

	@Test
	void nodeFeatureRulesLabelNodesFromCpuFeatures() {
		RenderedChart chart = RenderedChart.render(dir, "nodeLogin: {nodeFeatureRules: {enabled: true}}\n");
		Map<String, Object> rule = at(chart.get("NodeFeatureRule", GATEWAY + "-machine-types"), "spec", "rules", 1);
		assertThat((Map<String, Object>) rule.get("labels")).containsEntry("metahub.io/machine-type", "x86-64-v3");
		assertThat((Map<String, Object>) at(rule, "matchFeatures", 0, "matchExpressions"))
			.containsEntry("AVX2", Map.of("op", "Exists")).containsEntry("AVX512F", Map.of("op", "DoesNotExist"));
	}

	@Test
	void ingressWithTlsRoutesToTheHttpPort() {
		RenderedChart chart = RenderedChart.render(dir, """
				ingress:
				  enabled: true
				  className: nginx
				  hosts: [registry.example.com]
				  tls: [{secretName: registry-tls, hosts: [registry.example.com]}]
				""");
		Map<String, Object> spec = at(chart.get("Ingress", GATEWAY), "spec");
		assertThat((Map<String, Object>) at(spec, "tls", 0))
			.containsEntry("secretName", "registry-tls").containsEntry("hosts", List.of("registry.example.com"));
		assertThat((String) at(spec, "rules", 0, "host")).isEqualTo("registry.example.com");
		Map<String, Object> backend = at(spec, "rules", 0, "http", "paths", 0, "backend", "service");
		assertThat(backend).containsEntry("name", GATEWAY).containsEntry("port", Map.of("name", "http"));
	}

	@Test
	void autoscalingReplacesTheFixedReplicaCount() {
		RenderedChart chart = RenderedChart.render(dir, "autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 7}\n");
		Map<String, Object> spec = at(chart.get("HorizontalPodAutoscaler", GATEWAY), "spec");
		assertThat((Map<String, Object>) spec.get("scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", GATEWAY);
		assertThat(spec).containsEntry("minReplicas", 3).containsEntry("maxReplicas", 7);
		assertThat((Map<String, Object>) at(chart.get("Deployment", GATEWAY), "spec")).doesNotContainKey("replicas");
	}

	@Test
	void serviceMonitorScrapesThePrometheusEndpoint() {
		RenderedChart chart = RenderedChart.render(dir, "metrics: {serviceMonitor: {enabled: true, labels: {release: kps}}}\n");
		Map<String, Object> monitor = chart.get("ServiceMonitor", GATEWAY);
		assertThat((Map<String, Object>) at(monitor, "spec", "endpoints", 0))
			.containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
		assertThat((Map<String, Object>) at(chart.get("Service", GATEWAY), "metadata", "labels"))
			.containsAllEntriesOf(at(monitor, "spec", "selector", "matchLabels"));
		assertThat((String) at(monitor, "metadata", "labels", "release")).isEqualTo("kps");
	}

	@Test
	void networkPolicyLetsOnlyTheGatewayReachTheBundledRedis() {
		RenderedChart chart = RenderedChart.render(dir, "networkPolicy: {enabled: true}\nredis: {enabled: true, password: pw}\n");
		Map<String, Object> gatewayPod = at(chart.get("Deployment", GATEWAY), "spec", "template", "metadata", "labels");
		Map<String, Object> redisPolicy = chart.get("NetworkPolicy", GATEWAY + "-redis");
		assertThat(gatewayPod).containsAllEntriesOf(at(redisPolicy, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels"));
		assertThat(gatewayPod).containsAllEntriesOf(at(chart.get("NetworkPolicy", GATEWAY), "spec", "podSelector", "matchLabels"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			replicaCount as a string      | replicaCount: "two"                      | replicaCount
			unknown top-level key         | replicas: 3                              | replicas
			machine type without login    | machineTypes: [{name: a, password: b}]   | login
			fallback not an option        | machineTypes: [{login: a, fallback: maybe}] | fallback
			resolve not an option         | machineTypes: [{login: a, resolve: tag}] | resolve
			pinned not an option          | machineTypes: [{login: a, pinned: never}] | pinned
			platform without os           | machineTypes: [{login: a, platform: amd64}] | platform
			platform with upper case      | machineTypes: [{login: a, platform: Linux/AMD64}] | platform
			followRedirects as a string   | upstreams: [{name: a.io, url: "https://a.io", followRedirects: "yes"}] | followRedirects
			allowed realm as a URL        | upstreams: [{name: a.io, url: "https://a.io", allowedRealms: ["https://auth.a.io"]}] | allowedRealms
			implication without prefix    | featureImplications: {avx512: ["cpu:x"]} | invalid propertyName 'avx512'
			implication with brackets     | featureImplications: {"[nvcap:8.0]": ["nvcap:7.5"]} | invalid propertyName '[nvcap:8.0]'
			implication with empty list   | featureImplications: {"nvcap:8.0": []}    | featureImplications
			unknown admin key             | admin: {password: x}                     | admin
			admin hash not delegating     | admin: {username: a, passwordHash: "$2a$10$x"} | passwordHash
			shutdownTimeout without unit  | shutdownTimeout: "30"                    | shutdownTimeout
			shutdownTimeout as a number   | shutdownTimeout: 30                      | shutdownTimeout
			blob cache size in k8s units  | blobCache: {maxSize: 10Gi}               | maxSize
			blob cache relative path      | blobCache: {path: cache}                 | path
			blob cache on a host path     | blobCache: {volume: {type: hostPath}}    | type
			blob cache limit not a size   | blobCache: {volume: {sizeLimit: lots}}   | sizeLimit
			""")
	void theSchemaRejectsWrongValues(String description, String values, String named) {
		assertThatThrownBy(() -> RenderedChart.template(dir, values))
			.hasMessageContaining("values don't meet the specifications of the schema")
			.hasMessageContaining(named);
	}

	@Test
	void theChartAndTheJibImageRepeatTheDockerfilesJvmOptions() throws Exception {
		String image = Files.readAllLines(RenderedChart.CHART.resolve("../../Dockerfile")).stream()
			.filter(line -> line.startsWith("ENV JAVA_TOOL_OPTIONS="))
			.map(line -> line.substring("ENV JAVA_TOOL_OPTIONS=".length()).replace("\"", ""))
			.findFirst().orElseThrow();
		Map<String, Object> container = at(RenderedChart.render(dir, "").get("Deployment", GATEWAY), "spec", "template",
				"spec", "containers", 0);

		assertThat(image).contains("-XX:+UseParallelGC");
		assertThat(Files.readString(Path.of("pom.xml"))).contains("<JAVA_TOOL_OPTIONS>" + image + "</JAVA_TOOL_OPTIONS>");
		assertThat(List.of(((String) named(at(container, "env"), "JAVA_TOOL_OPTIONS").get("value")).split(" ")))
			.containsAll(List.of(image.split(" ")));
	}

	@Test
	void theBlobCacheIsOnInAnEmptyDirSizedAboveItsMaximumByDefault() {
		RenderedChart chart = RenderedChart.render(dir, "");

		assertThat((Map<String, Object>) at(applicationConfig(chart), "metahub", "blob-cache"))
			.isEqualTo(Map.of("enabled", true, "path", "/var/cache/metahub/blobs", "max-size", "10GB"));
		assertThat(named(at(gatewayContainer(chart), "volumeMounts"), "blob-cache"))
			.containsEntry("mountPath", "/var/cache/metahub/blobs");
		// 10GB is 10240Mi; plus 10 % and 64Mi for the file system's own blocks
		assertThat(named(gatewayVolumes(chart), "blob-cache")).isEqualTo(Map.of("name", "blob-cache",
				"emptyDir", Map.of("sizeLimit", "11328Mi")));
		assertThat((Map<String, Object>) named(gatewayVolumes(RenderedChart.render(dir,
				"blobCache: {maxSize: 512MB, volume: {sizeLimit: 2Gi}}\n")), "blob-cache").get("emptyDir"))
			.isEqualTo(Map.of("sizeLimit", "2Gi"));
	}

	@Test
	void theBlobCacheLivesOnAClaimPerPodOrOnOneExistingClaim() {
		RenderedChart ephemeral = RenderedChart.render(dir, """
				blobCache: {maxSize: 2GB, volume: {type: ephemeral, storageClassName: fast-ssd}}
				""");
		RenderedChart existing = RenderedChart.render(dir, """
				replicaCount: 1
				blobCache: {volume: {type: existingClaim, existingClaim: metahub-blobs}}
				""");

		Map<String, Object> claim = at(named(gatewayVolumes(ephemeral), "blob-cache"), "ephemeral", "volumeClaimTemplate", "spec");
		assertThat(claim).containsEntry("accessModes", List.of("ReadWriteOnce")).containsEntry("storageClassName", "fast-ssd");
		assertThat((String) at(claim, "resources", "requests", "storage")).isEqualTo("2316Mi");
		assertThat(named(gatewayVolumes(existing), "blob-cache"))
			.isEqualTo(Map.of("name", "blob-cache", "persistentVolumeClaim", Map.of("claimName", "metahub-blobs")));
	}

	@Test
	void aDisabledBlobCacheHasNoVolume() {
		RenderedChart chart = RenderedChart.render(dir, "blobCache: {enabled: false}\n");

		assertThat((Boolean) at(applicationConfig(chart), "metahub", "blob-cache", "enabled")).isFalse();
		assertThat(gatewayVolumes(chart)).noneMatch(volume -> "blob-cache".equals(volume.get("name")));
		assertThat((List<Map<String, Object>>) at(gatewayContainer(chart), "volumeMounts"))
			.noneMatch(mount -> "blob-cache".equals(mount.get("name")));
	}

	@Test
	void valuesYamlDocumentsEveryValue() throws Exception {
		List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.matches("(- )?[A-Za-z][\\w.-]*:.*")) {
				assertThat(i).as("line %d has a value but no line above it", i + 1).isPositive();
				assertThat(lines.get(i - 1).strip()).as("comment above line %d: %s", i + 1, line).startsWith("#");
			}
		}
	}

	private static String nodeLoginValues(String extraNodeLogin) {
		return """
				upstreams:
				  - {name: docker.io, url: "https://registry-1.docker.io", default: true}
				  - {name: ghcr.io, url: "https://ghcr.io"}
				machineTypes:
				  - name: skylake
				    login: type1
				    password: pw1
				    passwordHash: "%1$s"
				    nodeSelector: {metahub.io/machine-type: skylake}
				  - name: broadwell
				    login: type2
				    password: pw2
				    passwordHash: "%1$s"
				    nodeSelector: {metahub.io/machine-type: broadwell}
				  - name: no-nodes
				    login: type3
				    passwordHash: "%1$s"
				nodeLogin:
				  enabled: true
				  tolerations: [{operator: Exists}]
				""".formatted(BCRYPT) + extraNodeLogin;
	}

	/** Runs the writer container's script with a temporary folder in place of the host's certs.d. */
	private Path runWriter(Map<String, Object> writer, String login, String password) throws Exception {
		List<String> command = at(writer, "command");
		Path certsDir = Files.createDirectories(dir.resolve("certs.d"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(Map.of("CERTS_DIR", certsDir.toString(), "MACHINE_LOGIN", login, "MACHINE_PASSWORD", password));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("script output: %s", output).isZero();
		return certsDir;
	}

	private static Map<String, Object> applicationConfig(RenderedChart chart) {
		return new Yaml().load((String) at(chart.get("ConfigMap", GATEWAY), "data", "application.yml"));
	}

	private static Map<String, Object> gatewayContainer(RenderedChart chart) {
		return at(chart.get("Deployment", GATEWAY), "spec", "template", "spec", "containers", 0);
	}

	private static List<Map<String, Object>> gatewayVolumes(RenderedChart chart) {
		return at(chart.get("Deployment", GATEWAY), "spec", "template", "spec", "volumes");
	}

	private static Map<String, Object> podAnnotations(RenderedChart chart) {
		return at(chart.get("Deployment", GATEWAY), "spec", "template", "metadata", "annotations");
	}

	private static String secretValue(RenderedChart chart, String secret, String key) {
		String encoded = at(chart.get("Secret", secret), "data", key);
		return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

}
