package org.metahub.gateway.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metahub.gateway.helm.RenderedChart.at;
import static org.metahub.gateway.helm.RenderedChart.named;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.server.Ssl;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** The chart's TLS values: the gateway serving HTTPS from a mounted kubernetes.io/tls Secret, cert-manager optional. */
class HelmChartTlsTest {

	private static final String GATEWAY = HelmChartTest.GATEWAY;

	@TempDir
	Path dir;

	@Test
	void withoutTlsTheGatewayServesPlainHttp() {
		RenderedChart chart = RenderedChart.render(dir, "");
		Map<String, Object> pod = at(chart.get("Deployment", GATEWAY), "spec", "template", "spec");

		assertThat((Map<String, Object>) at(applicationConfig(chart), "server")).doesNotContainKey("ssl");
		assertThat((Map<String, Object>) at(applicationConfig(chart), "spring")).doesNotContainKey("ssl");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat((String) at(pod, "containers", 0, probe, "httpGet", "scheme")).isEqualTo("HTTP");
		}
		assertThat((List<Map<String, Object>>) at(pod, "volumes")).noneMatch(volume -> "tls".equals(volume.get("name")));
		assertThat(chart.names()).noneMatch(name -> name.startsWith("Certificate/"));
	}

	@Test
	void anExistingSecretIsMountedAndServedThroughAReloadingSslBundle() throws Exception {
		RenderedChart chart = RenderedChart.render(dir, """
				tls: {enabled: true, secretName: registry-tls}
				nodeLogin: {enabled: false}
				metrics: {serviceMonitor: {enabled: true}}
				""");
		Map<String, Object> pod = at(chart.get("Deployment", GATEWAY), "spec", "template", "spec");
		Map<String, Object> container = at(pod, "containers", 0);

		assertThat((Map<String, Object>) at(named(at(pod, "volumes"), "tls"), "secret"))
			.containsEntry("secretName", "registry-tls");
		assertThat(named(at(container, "volumeMounts"), "tls")).containsEntry("mountPath", "/etc/metahub/tls")
			.containsEntry("readOnly", true)
			.doesNotContainKey("subPath");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat((String) at(container, probe, "httpGet", "scheme")).isEqualTo("HTTPS");
		}
		assertThat((String) at(chart.get("Service", GATEWAY), "spec", "ports", 0, "appProtocol")).isEqualTo("https");
		assertThat((String) at(chart.get("ServiceMonitor", GATEWAY), "spec", "endpoints", 0, "scheme")).isEqualTo("https");
		assertThat(chart.names()).noneMatch(name -> name.startsWith("Certificate/"));

		// bound as Spring Boot binds them, so a misspelt key cannot pass
		StandardEnvironment environment = environment(chart);
		assertThat(Binder.get(environment).bind("server.ssl", Ssl.class).get().getBundle()).isEqualTo("metahub");
		PemSslBundleProperties bundle = Binder.get(environment).bind("spring.ssl", SslProperties.class).get()
			.getBundle().getPem().get("metahub");
		assertThat(bundle.getKeystore().getCertificate()).isEqualTo("file:/etc/metahub/tls/tls.crt");
		assertThat(bundle.getKeystore().getPrivateKey()).isEqualTo("file:/etc/metahub/tls/tls.key");
		assertThat(bundle.getKeystore().isVerifyKeys()).isTrue();
		assertThat(bundle.isReloadOnUpdate()).isTrue();
	}

	@Test
	void certManagerIssuesTheSecretForTheServicesNames() {
		RenderedChart chart = RenderedChart.render(dir, """
				tls:
				  enabled: true
				  certManager:
				    issuerRef: {kind: ClusterIssuer, name: internal-ca}
				""");
		Map<String, Object> certificate = chart.get("Certificate", GATEWAY);

		assertThat((String) at(certificate, "spec", "secretName")).isEqualTo(GATEWAY + "-tls");
		assertThat((Map<String, Object>) at(certificate, "spec", "issuerRef"))
			.isEqualTo(Map.of("kind", "ClusterIssuer", "name", "internal-ca"));
		assertThat((List<String>) at(certificate, "spec", "dnsNames")).containsExactly(GATEWAY, GATEWAY + ".ns",
				GATEWAY + ".ns.svc", GATEWAY + ".ns.svc.cluster.local");
		assertThat((String) at(certificate, "spec", "privateKey", "encoding")).isEqualTo("PKCS8");
		assertThat((Map<String, Object>) at(named(at(chart.get("Deployment", GATEWAY), "spec", "template", "spec",
				"volumes"), "tls"), "secret")).containsEntry("secretName", GATEWAY + "-tls");

		RenderedChart named = RenderedChart.render(dir, """
				tls:
				  enabled: true
				  secretName: registry-tls
				  certManager: {issuerRef: {name: acme}, dnsNames: [registry.example.com]}
				""");
		assertThat((String) at(named.get("Certificate", GATEWAY), "spec", "secretName")).isEqualTo("registry-tls");
		assertThat((List<String>) at(named.get("Certificate", GATEWAY), "spec", "dnsNames"))
			.containsExactly("registry.example.com");
	}

	@Test
	void nodeLoginPointsContainerdAtHttpsByDefault() {
		String manifests = RenderedChart.template(dir, """
				tls: {enabled: true, secretName: registry-tls}
				allowNoopPasswords: true
				nodeLogin: {enabled: true}
				machineTypes:
				  - {login: type1, password: pw1, features: ["cpu:skylake"], nodeSelector: {metahub.io/machine-type: skylake}}
				""");
		assertThat(manifests).contains("[host.\"https://" + GATEWAY + ".ns.svc.cluster.local:8080\"]")
			.doesNotContain("http://" + GATEWAY);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no secret and no issuer    | tls: {enabled: true}                                   | tls.enabled needs tls.secretName
			issuer without a name      | tls: {enabled: true, certManager: {issuerRef: {kind: Issuer}}} | tls.certManager.issuerRef needs a name
			issuer without tls enabled | tls: {certManager: {issuerRef: {name: acme}}}          | tls.certManager.issuerRef needs tls.enabled
			""")
	void inconsistentTlsValuesAreRefused(String description, String values, String message) {
		assertThatThrownBy(() -> RenderedChart.render(dir, values + "\n")).hasMessageContaining(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			enabled as a string   | tls: {enabled: "yes"}                                        | enabled
			unknown issuer kind   | tls: {enabled: true, certManager: {issuerRef: {kind: Vault, name: v}}} | kind
			unknown tls key       | tls: {enabled: true, certificate: /x}                       | certificate
			""")
	void theSchemaRejectsWrongTlsValues(String description, String values, String named) {
		assertThatThrownBy(() -> RenderedChart.template(dir, values + "\n"))
			.hasMessageContaining("values don't meet the specifications of the schema")
			.hasMessageContaining(named);
	}

	private static Map<String, Object> applicationConfig(RenderedChart chart) {
		return new Yaml().load((String) at(chart.get("ConfigMap", GATEWAY), "data", "application.yml"));
	}

	private static StandardEnvironment environment(RenderedChart chart) throws Exception {
		String yaml = at(chart.get("ConfigMap", GATEWAY), "data", "application.yml");
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("chart",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
			environment.getPropertySources().addLast(source);
		}
		return environment;
	}

}
