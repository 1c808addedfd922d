package org.metahub.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Manifest handling ({@code metahub.manifest.*}).
 *
 * @param maxSize largest manifest list the gateway buffers to rewrite; larger ones are refused
 * @param storeSize most rewritten lists kept in memory when no Redis is configured
 * @param storeTtl how long Redis keeps a rewritten list for clients that ask for it again by digest
 */
@ConfigurationProperties("metahub.manifest")
public record ManifestProperties(
		@DefaultValue("4MB") DataSize maxSize,
		@DefaultValue("10000") int storeSize,
		@DefaultValue("7d") Duration storeTtl) {

	public ManifestProperties {
		if (maxSize.toBytes() < 1024 || maxSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("metahub.manifest.max-size must be between 1KB and 2GB, got " + maxSize);
		}
		if (storeTtl == null || storeTtl.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("metahub.manifest.store-ttl must be at least 1m, got " + storeTtl);
		}
	}

}
