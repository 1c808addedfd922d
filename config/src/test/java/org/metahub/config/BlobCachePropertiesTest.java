package org.metahub.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobCachePropertiesTest {

	private static BlobCacheProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
			.bindOrCreate("metahub.blob-cache", BlobCacheProperties.class);
	}

	@Test
	void defaultsAreOnAndBoundedUnderTheTemporaryFolder() {
		BlobCacheProperties defaults = bind(Map.of());
		assertThat(defaults.enabled()).isTrue();
		assertThat(defaults.path()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "metahub-blob-cache"));
		assertThat(defaults.maxSize()).isEqualTo(DataSize.ofGigabytes(10));
		assertThat(defaults.minFreeSpace()).isNull();
	}

	@Test
	void bindsThePathAndTheSize() {
		BlobCacheProperties bound = bind(Map.of("metahub.blob-cache.enabled", "true",
				"metahub.blob-cache.path", "/var/cache/metahub", "metahub.blob-cache.max-size", "512MB",
				"metahub.blob-cache.min-free-space", "2GB"));
		assertThat(bound.enabled()).isTrue();
		assertThat(bound.path()).isEqualTo(Path.of("/var/cache/metahub"));
		assertThat(bound.maxSize()).isEqualTo(DataSize.ofMegabytes(512));
		assertThat(bound.minFreeSpace()).isEqualTo(DataSize.ofGigabytes(2));
	}

	@Test
	void refusesWhatCannotWorkNamingTheKey() {
		assertThatThrownBy(() -> new BlobCacheProperties(true, Path.of("/x"), DataSize.ofKilobytes(10), null))
			.hasMessageContaining("metahub.blob-cache.max-size");
		assertThatThrownBy(() -> new BlobCacheProperties(true, Path.of("/x"), null, null))
			.hasMessageContaining("metahub.blob-cache.max-size");
		assertThatThrownBy(() -> new BlobCacheProperties(true, Path.of(""), DataSize.ofGigabytes(1), null))
			.hasMessageContaining("metahub.blob-cache.path");
		assertThatThrownBy(() -> new BlobCacheProperties(true, Path.of("/x"), DataSize.ofGigabytes(1), DataSize.ofBytes(-1)))
			.hasMessageContaining("metahub.blob-cache.min-free-space");
	}

}
