package org.metahub.filters.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A manifest as the upstream served it, checked and ready to serve again.
 *
 * @param contentType the upstream's Content-Type, as sent
 * @param digest the digest the manifest is served under
 * @param bytes the exact bytes
 */
public record CachedManifest(String contentType, String digest, byte[] bytes) {

	byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 200);
		out.writeBytes((contentType + "\n" + digest + "\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(bytes);
		return out.toByteArray();
	}

	static CachedManifest decode(byte[] value) {
		int first = indexOf(value, 0);
		int second = indexOf(value, first + 1);
		return new CachedManifest(new String(value, 0, first, StandardCharsets.UTF_8),
				new String(value, first + 1, second - first - 1, StandardCharsets.UTF_8),
				Arrays.copyOfRange(value, second + 1, value.length));
	}

	static int indexOf(byte[] value, int from) {
		for (int i = from; i < value.length; i++) {
			if (value[i] == '\n') {
				return i;
			}
		}
		throw new IllegalStateException("a cached manifest entry is malformed");
	}

}
