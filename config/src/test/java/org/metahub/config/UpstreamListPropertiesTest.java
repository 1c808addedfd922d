package org.metahub.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamListPropertiesTest {

	@TempDir
	Path dir;

	@Test
	void bindsTheListWithDefaultFollowRedirectsAndCredentialFiles() throws IOException {
		Path user = Files.writeString(dir.resolve("user"), "  robot\n");
		Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
		Upstreams upstreams = bind(Map.of(
				"metahub.upstreams[0].name", "docker.io", "metahub.upstreams[0].default", "true",
				"metahub.upstreams[1].name", "ghcr.io", "metahub.upstreams[1].follow-redirects", "true",
				"metahub.upstreams[2].name", "registry.example.com:5000",
				"metahub.upstreams[2].url", "http://127.0.0.1:5000",
				"metahub.upstreams[2].username-file", user.toString(),
				"metahub.upstreams[2].password-file", password.toString()));

		assertThat(upstreams.defaultUpstream().url()).hasToString("https://registry-1.docker.io");
		assertThat(upstreams.find("index.docker.io")).containsSame(upstreams.defaultUpstream());
		assertThat(upstreams.find("registry-1.docker.io")).containsSame(upstreams.defaultUpstream());
		UpstreamProperties ghcr = upstreams.find("GHCR.io").orElseThrow();
		assertThat(ghcr.url()).hasToString("https://ghcr.io");
		assertThat(ghcr.followRedirects()).isTrue();
		assertThat(ghcr.isDefault()).isFalse();
		UpstreamProperties privateRegistry = upstreams.find("registry.example.com:5000").orElseThrow();
		assertThat(privateRegistry.username()).isEqualTo("robot");
		assertThat(privateRegistry.password()).isEqualTo("s3cret");
		assertThat(privateRegistry.toString()).doesNotContain("s3cret");
		assertThat(upstreams.find("quay.io")).isEmpty();
	}

	@Test
	void theShorthandIsTheOneDefaultNamedAfterItsHost() {
		Upstreams upstreams = bind(Map.of("metahub.upstream.url", "http://127.0.0.1:5000"));

		assertThat(upstreams.all()).hasSize(1);
		assertThat(upstreams.defaultUpstream().name()).isEqualTo("127.0.0.1:5000");
		assertThat(bind(Map.of("metahub.upstream.url", "https://registry-1.docker.io")).defaultUpstream().name())
			.isEqualTo("docker.io");
	}

	@Test
	void refusesAListWithoutExactlyOneDefault() {
		assertThatThrownBy(() -> bind(Map.of("metahub.upstreams[0].name", "ghcr.io")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessage("metahub.upstreams must have exactly one entry with default: true, found 0");
		assertThatThrownBy(() -> bind(Map.of("metahub.upstreams[0].name", "ghcr.io", "metahub.upstreams[0].default",
				"true", "metahub.upstreams[1].name", "quay.io", "metahub.upstreams[1].default", "true")))
			.rootCause()
			.hasMessage("metahub.upstreams must have exactly one entry with default: true, found 2");
	}

	@Test
	void refusesNamesTwiceCountingDockerHubAliasesAsOne() {
		assertThatThrownBy(() -> bind(Map.of("metahub.upstreams[0].name", "docker.io", "metahub.upstreams[0].default",
				"true", "metahub.upstreams[1].name", "index.docker.io")))
			.rootCause()
			.hasMessageContaining("metahub.upstreams[].name must be unique")
			.hasMessageContaining("'docker.io' appears twice");
	}

	@Test
	void refusesUnreadableOrDoubleCredentials() {
		Path missing = dir.resolve("missing");
		assertThatThrownBy(() -> new UpstreamProperties("ghcr.io", null, "u", null, null, missing, true, false, null))
			.hasMessage("password-file " + missing + " cannot be read: NoSuchFileException");
		assertThatThrownBy(() -> new UpstreamProperties("ghcr.io", null, "u", "p", null, missing, true, false, null))
			.hasMessage("set either password or password-file, not both");
		assertThatThrownBy(() -> new UpstreamProperties(URI.create("http://127.0.0.1"), "u", null))
			.hasMessageContaining("must be set together");
		assertThatThrownBy(() -> new UpstreamProperties(URI.create("ftp://example.com"), null, null))
			.hasMessage("url must be an absolute http or https URL, got 'ftp://example.com'");
	}

	private static Upstreams bind(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		UpstreamListProperties list = binder.bind("metahub", UpstreamListProperties.class)
			.orElseGet(() -> new UpstreamListProperties(null));
		UpstreamProperties shorthand = binder.bind("metahub.upstream", UpstreamProperties.class)
			.orElseGet(() -> new UpstreamProperties(null, null, null, null, null, null, true, false, null));
		return Upstreams.of(list, shorthand);
	}

}
