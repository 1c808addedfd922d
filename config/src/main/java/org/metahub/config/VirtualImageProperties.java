package org.metahub.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Virtual images built from manifest specs ({@code metahub.virtual-images.*}).
 *
 * @param location folder whose {@code *.yml} and {@code *.yaml} files are virtual image specs; unset means none
 * @param digestIndexSize most digests remembered for fetching a virtual image's manifests and blobs from its components
 */
@ConfigurationProperties("metahub.virtual-images")
public record VirtualImageProperties(Path location, @DefaultValue("100000") int digestIndexSize) {

	public VirtualImageProperties {
		if (digestIndexSize < 1) {
			throw new IllegalArgumentException(
					"metahub.virtual-images.digest-index-size must be at least 1, got " + digestIndexSize);
		}
	}

	/** Whether any virtual images are configured. */
	public boolean enabled() {
		return location != null;
	}

}
