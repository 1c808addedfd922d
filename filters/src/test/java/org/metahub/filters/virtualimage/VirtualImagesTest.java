package org.metahub.filters.virtualimage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.upstream.UpstreamRoute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lookup of virtual images by upstream, name and tag, and the names they shadow. */
class VirtualImagesTest {

	static final UpstreamProperties HUB = upstream("docker.io", "http://127.0.0.1:5000", true);

	static final UpstreamProperties GHCR = upstream("ghcr.io", "http://127.0.0.1:5001", false);

	static final Upstreams UPSTREAMS = Upstreams.of(HUB, GHCR);

	private static final String COMPONENTS = "manifests:\n  - image: qnib/b\n    platform: {architecture: amd64, os: linux}\n";

	private final VirtualImageSpecLoader loader = new VirtualImageSpecLoader();

	@Test
	void findsASpecByEachOfItsTags() throws Exception {
		VirtualImageSpec spec = loader.parse(Path.of("manifest.yml"), VirtualImageSpecLoaderTest.seedManifest());
		VirtualImages images = new VirtualImages(List.of(spec), UPSTREAMS);

		String name = images.addressed(null, "qnib/bench").orElseThrow();
		assertThat(name).isEqualTo("docker.io/qnib/bench");
		assertThat(images.find(name, "latest")).get().extracting(VirtualImageSpec::name).isEqualTo("qnib/bench");
		assertThat(images.find(name, "stable")).isPresent();
		assertThat(images.find(name, "1.0")).isPresent();
		assertThat(images.find(name, "broadwell")).isEmpty();
		assertThat(images.addressed(null, "qnib/other")).isEmpty();
		assertThat(images.addressed(null, "qnib/bench2")).isEmpty();
		assertThat(images.names()).containsExactly("docker.io/qnib/bench");
		assertThat(images.tags(name)).containsExactly("1.0", "latest", "stable");
		assertThat(images.tags("docker.io/qnib/other")).isEmpty();
	}

	@Test
	void theDefaultUpstreamsHostMeansThePlainName() {
		VirtualImages images = images("image: docker.io/qnib/bench\n");

		assertThat(images.addressed(null, "qnib/bench")).contains("docker.io/qnib/bench");
		assertThat(images.addressed(new UpstreamRoute(HUB, UpstreamRoute.Form.DEFAULT), "qnib/bench"))
			.contains("docker.io/qnib/bench");
		// naming the upstream reaches its own repository of that name
		assertThat(images.addressed(new UpstreamRoute(HUB, UpstreamRoute.Form.PATH_PREFIX), "qnib/bench")).isEmpty();
		assertThat(images.addressed(new UpstreamRoute(HUB, UpstreamRoute.Form.NAMESPACE), "qnib/bench")).isEmpty();
	}

	@Test
	void anotherUpstreamsImageIsServedWhereThatUpstreamIsNamed() {
		VirtualImages images = images("image: ghcr.io/team/app:1\n");

		assertThat(images.addressed(new UpstreamRoute(GHCR, UpstreamRoute.Form.PATH_PREFIX), "team/app"))
			.contains("ghcr.io/team/app");
		assertThat(images.addressed(new UpstreamRoute(GHCR, UpstreamRoute.Form.NAMESPACE), "team/app"))
			.contains("ghcr.io/team/app");
		assertThat(images.addressed(null, "team/app")).isEmpty();
		assertThat(images.find("ghcr.io/team/app", "1")).get().extracting(VirtualImageSpec::host).isEqualTo("ghcr.io");
	}

	@Test
	void dockerHubsOfficialImagesAreNamedWithoutLibrary() {
		UpstreamProperties hub = upstream("docker.io", "https://registry-1.docker.io", true);
		VirtualImageSpec spec = loader.parse(Path.of("l.yml"), "image: docker.io/library/bench\n" + COMPONENTS);

		VirtualImages images = new VirtualImages(List.of(spec), Upstreams.of(hub));

		assertThat(images.addressed(null, "bench")).contains("docker.io/bench");
		assertThat(images.addressed(null, "library/bench")).contains("docker.io/bench");
	}

	@Test
	void aHostThatIsNoConfiguredUpstreamIsRefusedInOneLine() {
		assertThatThrownBy(() -> images("image: registry.example.com/qnib/bench\n"))
			.isInstanceOf(InvalidVirtualImageSpecException.class)
			.hasMessage("virtual image spec s.yml: image 'registry.example.com/qnib/bench' names the registry host "
					+ "'registry.example.com', which is not one of metahub.upstreams [docker.io, ghcr.io]; configure "
					+ "that upstream, or name the image without a host to serve it under the default upstream");
	}

	@Test
	void noneShadowsNothing() {
		VirtualImages none = VirtualImages.none();

		assertThat(none.isEmpty()).isTrue();
		assertThat(none.addressed(null, "qnib/bench")).isEmpty();
		assertThat(none.names()).isEmpty();
	}

	private VirtualImages images(String image) {
		return new VirtualImages(List.of(loader.parse(Path.of("s.yml"), image + COMPONENTS)), UPSTREAMS);
	}

	private static UpstreamProperties upstream(String name, String url, boolean isDefault) {
		return new UpstreamProperties(name, URI.create(url), null, null, null, null, isDefault, false, null);
	}

}
