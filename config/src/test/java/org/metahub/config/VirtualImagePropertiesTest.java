package org.metahub.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding of {@code metahub.virtual-images}. */
class VirtualImagePropertiesTest {

	@Test
	void bindsTheLocationAsAPath() {
		VirtualImageProperties bound = bind(Map.of("metahub.virtual-images.location", "/etc/metahub/virtual-images"));

		assertThat(bound.location()).isEqualTo(Path.of("/etc/metahub/virtual-images"));
		assertThat(bound.enabled()).isTrue();
		assertThat(bound.digestIndexSize()).isEqualTo(100_000);
	}

	@Test
	void unsetMeansNoVirtualImages() {
		VirtualImageProperties bound = bind(Map.of());

		assertThat(bound.location()).isNull();
		assertThat(bound.enabled()).isFalse();
	}

	@Test
	void aDigestIndexSizeBelowOneNamesTheKey() {
		assertThatThrownBy(() -> bind(Map.of("metahub.virtual-images.digest-index-size", "0")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("metahub.virtual-images.digest-index-size must be at least 1, got 0");
	}

	private static VirtualImageProperties bind(Map<String, String> source) {
		return new Binder(new MapConfigurationPropertySource(source))
			.bindOrCreate("metahub.virtual-images", VirtualImageProperties.class);
	}

}
