package org.metahub.filters.blobcache;

import java.util.Optional;
import java.util.regex.Pattern;

/** The sha256 digest that names a cached blob; other algorithms are not cached. */
public record BlobDigest(String hex) {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

	private static final String PREFIX = "sha256:";

	public BlobDigest {
		if (hex == null || !HEX.matcher(hex).matches()) {
			throw new IllegalArgumentException("not a lowercase sha256 hex digest: " + hex);
		}
	}

	/** The digest a {@code sha256:<hex>} reference names, or empty for another algorithm or a malformed one. */
	public static Optional<BlobDigest> parse(String reference) {
		if (reference == null || !reference.startsWith(PREFIX)
				|| !HEX.matcher(reference.substring(PREFIX.length())).matches()) {
			return Optional.empty();
		}
		return Optional.of(new BlobDigest(reference.substring(PREFIX.length())));
	}

	/** As the distribution API writes it: {@code sha256:<hex>}. */
	@Override
	public String toString() {
		return PREFIX + hex;
	}

}
