package org.metahub.filters.virtualimage;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lookup of virtual images by name and tag, and the names they shadow. */
class VirtualImagesTest {

	private final VirtualImageSpecLoader loader = new VirtualImageSpecLoader();

	@Test
	void findsASpecByEachOfItsTags() throws Exception {
		VirtualImageSpec spec = loader.parse(Path.of("manifest.yml"), VirtualImageSpecLoaderTest.seedManifest());
		VirtualImages images = new VirtualImages(List.of(spec));

		assertThat(images.find("qnib/bench", "latest")).containsSame(spec);
		assertThat(images.find("qnib/bench", "stable")).containsSame(spec);
		assertThat(images.find("qnib/bench", "1.0")).containsSame(spec);
		assertThat(images.find("qnib/bench", "broadwell")).isEmpty();
		assertThat(images.find("qnib/other", "latest")).isEmpty();
		assertThat(images.isVirtual("qnib/bench")).isTrue();
		assertThat(images.isVirtual("qnib/bench2")).isFalse();
		assertThat(images.names()).containsExactly("qnib/bench");
		assertThat(images.tags("qnib/bench")).containsExactly("1.0", "latest", "stable");
		assertThat(images.tags("qnib/other")).isEmpty();
	}

	@Test
	void noneShadowsNothing() {
		VirtualImages none = VirtualImages.none();

		assertThat(none.isEmpty()).isTrue();
		assertThat(none.isVirtual("qnib/bench")).isFalse();
		assertThat(none.names()).isEmpty();
	}

}
