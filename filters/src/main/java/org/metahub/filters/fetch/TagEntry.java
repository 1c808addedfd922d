package org.metahub.filters.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a tag resolved to, and when the upstream last confirmed it.
 *
 * @param manifest the manifest the tag pointed at
 * @param validatedAt when the upstream last answered for the tag
 */
public record TagEntry(CachedManifest manifest, Instant validatedAt) {

	TagEntry validated(Instant now) {
		return new TagEntry(manifest, now);
	}

	byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes((validatedAt.toEpochMilli() + "\n").getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(manifest.encode());
		return out.toByteArray();
	}

	static TagEntry decode(byte[] value) {
		int newline = CachedManifest.indexOf(value, 0);
		long millis = Long.parseLong(new String(value, 0, newline, StandardCharsets.US_ASCII));
		return new TagEntry(CachedManifest.decode(Arrays.copyOfRange(value, newline + 1, value.length)),
				Instant.ofEpochMilli(millis));
	}

}
