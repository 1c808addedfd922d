package org.metahub.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.virtualimage.InvalidVirtualImageSpecException;
import org.metahub.filters.virtualimage.VirtualDigestIndex;
import org.metahub.filters.virtualimage.VirtualImages;
import org.metahub.filters.virtualimage.VirtualIndexBuilder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The virtual images are read at start-up; an invalid spec stops start-up naming the file and the field. */
class VirtualImageConfigurationTest {

	private static final String VALID = """
			image: qnib/bench:latest
			tags: ['1.0']
			manifests:
			  - image: ghcr.io/qnib/bench:skylake
			    platform: {architecture: amd64, os: linux, features: [cpu:skylake]}
			""";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(VirtualImageConfiguration.class)
		.withBean(Upstreams.class, () -> Upstreams.of(new UpstreamProperties("docker.io",
				URI.create("http://127.0.0.1:5000"), null, null, null, null, true, false, null)));

	@TempDir
	Path folder;

	@Test
	void withoutALocationThereAreNoVirtualImages() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(VirtualImages.class).isEmpty()).isTrue();
			assertThat(context).hasSingleBean(VirtualIndexBuilder.class).hasSingleBean(VirtualDigestIndex.class);
		});
	}

	@Test
	void readsTheSpecsOfTheLocation() throws IOException {
		Files.writeString(folder.resolve("bench.yaml"), VALID);

		runner.withPropertyValues("metahub.virtual-images.location=" + folder).run(context -> {
			assertThat(context).hasNotFailed();
			VirtualImages images = context.getBean(VirtualImages.class);
			assertThat(images.addressed(null, "qnib/bench")).contains("docker.io/qnib/bench");
			assertThat(images.find("docker.io/qnib/bench", "1.0")).isPresent();
		});
	}

	@Test
	void anInvalidSpecFailsTheContextWithFileAndField() throws IOException {
		Path file = folder.resolve("bench.yml");
		Files.writeString(file, VALID.replace("architecture: amd64, ", ""));

		runner.withPropertyValues("metahub.virtual-images.location=" + folder).run(context -> assertThat(context)
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidVirtualImageSpecException.class)
			.hasMessage("virtual image spec " + file + ": manifests[0].platform.architecture is missing"));
	}

	@Test
	void anInvalidSpecStopsTheGateway() throws IOException {
		Path file = folder.resolve("bench.yml");
		Files.writeString(file, VALID.replace("image: qnib/bench:latest", "image: qnib/bench:latest\nplatforms: []"));
		SpringApplicationBuilder application = new SpringApplicationBuilder(MetahubGatewayApplication.class);

		assertThatThrownBy(() -> application.run("--server.port=0", "--metahub.virtual-images.location=" + folder))
			.rootCause()
			.hasMessageStartingWith("virtual image spec " + file + ": platforms is not a known key");
	}

	@Test
	void aLocationThatIsNoFolderStopsTheGatewayNamingTheKey() {
		Path missing = folder.resolve("missing");
		SpringApplicationBuilder application = new SpringApplicationBuilder(MetahubGatewayApplication.class);

		assertThatThrownBy(() -> application.run("--server.port=0", "--metahub.virtual-images.location=" + missing))
			.rootCause()
			.hasMessage("metahub.virtual-images.location: " + missing + " is not a directory");
	}

}
