package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/** The blob cache of a test class's gateway, in a temporary folder of its own: switched on, looked into, removed. */
final class BlobCacheFolder {

	private final Path root;

	private BlobCacheFolder(Path root) {
		this.root = root;
	}

	/** Switches the cache on with a new temporary folder and the given {@code max-size}. */
	static BlobCacheFolder enable(DynamicPropertyRegistry properties, String maxSize) {
		try {
			BlobCacheFolder folder = new BlobCacheFolder(Files.createTempDirectory("metahub-blob-cache-test"));
			properties.add("metahub.blob-cache.enabled", () -> "true");
			properties.add("metahub.blob-cache.path", folder.root::toString);
			properties.add("metahub.blob-cache.max-size", () -> maxSize);
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the verified entry of the digest lives. */
	Path entryFile(String digest) {
		return root.resolve("sha256").resolve(digest.substring(7, 9)).resolve(digest.substring(7));
	}

	/** Bytes of the files being written (under {@code tmp/}). */
	long writingBytes() {
		return bytesUnder(root.resolve("tmp"));
	}

	/** Bytes of every file in the folder, entries and files being written. */
	long diskBytes() {
		return bytesUnder(root);
	}

	void delete() {
		try {
			FileSystemUtils.deleteRecursively(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long bytesUnder(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			// a file renamed or evicted while walking counts as gone
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
	}

}
