package org.metahub.filters.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.metahub.filters.oci.Digests;

/**
 * Short, stable hashes for cache keys of the few distinct strings that go into them (Accept headers,
 * machine profiles). Each is hashed once rather than on every request.
 */
final class KeyHashes {

	// clients choose their Accept headers, so what is remembered is bounded
	private static final int LIMIT = 1024;

	private static final Map<String, String> known = new ConcurrentHashMap<>();

	private KeyHashes() {
	}

	/** 16 hex digits of the value's sha256: the same on every replica and every version. */
	static String of(String value) {
		String hash = known.get(value);
		if (hash == null) {
			hash = Digests.sha256(value.getBytes(StandardCharsets.UTF_8)).substring(7, 23);
			if (known.size() >= LIMIT) {
				known.clear();
			}
			known.put(value, hash);
		}
		return hash;
	}

}
