package org.metahub.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The content-addressed blob cache on local disk ({@code metahub.blob-cache.*}), on by default: blob
 * requests go through filters' {@code BlobCacheFilter}, bounded by {@code max-size} and the free-space floor.
 *
 * @param enabled whether blob requests go through the cache
 * @param path the folder that holds the cache's entries and its files being written; one gateway process
 *     per folder
 * @param maxSize most bytes the cache keeps on disk, entries and files being written together
 * @param minFreeSpace free space a fill must leave on the cache's file system, else the blob passes
 *     through uncached; unset: 10% of the file system, at most 1GB
 */
@ConfigurationProperties("metahub.blob-cache")
public record BlobCacheProperties(
		@DefaultValue("true") boolean enabled,
		Path path,
		@DefaultValue("10GB") DataSize maxSize,
		DataSize minFreeSpace) {

	/** The folder used when {@code path} is not set: {@code metahub-blob-cache} under {@code java.io.tmpdir}. */
	public static Path defaultPath() {
		return Path.of(System.getProperty("java.io.tmpdir"), "metahub-blob-cache");
	}

	public BlobCacheProperties {
		if (path == null) {
			path = defaultPath();
		}
		if (path.toString().isBlank()) {
			throw new IllegalArgumentException("metahub.blob-cache.path must name a folder, got an empty path");
		}
		if (maxSize == null || maxSize.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
			throw new IllegalArgumentException("metahub.blob-cache.max-size must be at least 1MB, got " + maxSize);
		}
		if (minFreeSpace != null && minFreeSpace.isNegative()) {
			throw new IllegalArgumentException("metahub.blob-cache.min-free-space must not be negative, got " + minFreeSpace);
		}
	}

}
