package org.metahub.filters.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;

/**
 * Rewritten lists in Redis, shared by all replicas, each for a fixed time. A value is the media type,
 * a newline, then the list's bytes; the upstream list it came from is a key of its own beside it (so that
 * replicas that predate it read values unchanged). The hash tag in the keys keeps Cluster slots per list.
 */
public final class RedisManifestStore implements ManifestStore {

	private static final String KEY_PREFIX = "metahub:manifest:";

	private final ReactiveRedisTemplate<String, byte[]> redis;

	private final Duration ttl;

	public RedisManifestStore(ReactiveRedisConnectionFactory connectionFactory, Duration ttl) {
		this.redis = RedisByteTemplates.create(connectionFactory);
		this.ttl = ttl;
	}

	static String key(String name, String digest) {
		return KEY_PREFIX + "{" + name + "@" + digest + "}";
	}

	static String originKey(String name, String digest) {
		return key(name, digest) + ":origin";
	}

	@Override
	public Mono<Void> save(String name, String digest, StoredManifest manifest) {
		Mono<Boolean> origin = manifest.origin() == null ? redis.opsForValue().delete(originKey(name, digest))
				: redis.opsForValue().set(originKey(name, digest), manifest.origin().getBytes(StandardCharsets.US_ASCII), ttl);
		return redis.opsForValue()
			.set(key(name, digest), encode(manifest), ttl)
			.then(origin)
			.onErrorMap(DataAccessException.class, RedisManifestStore::unavailable)
			.then();
	}

	@Override
	public Mono<StoredManifest> find(String name, String digest) {
		return redis.opsForValue()
			.multiGet(List.of(key(name, digest), originKey(name, digest)))
			.filter(values -> values.get(0) != null)
			.map(values -> decode(values.get(0), values.get(1)))
			.onErrorMap(DataAccessException.class, RedisManifestStore::unavailable);
	}

	private static byte[] encode(StoredManifest manifest) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(manifest.bytes().length + 64);
		out.writeBytes(manifest.mediaType().getBytes(StandardCharsets.US_ASCII));
		out.write('\n');
		out.writeBytes(manifest.bytes());
		return out.toByteArray();
	}

	private static StoredManifest decode(byte[] value, byte[] origin) {
		int newline = 0;
		while (newline < value.length && value[newline] != '\n') {
			newline++;
		}
		if (newline == value.length) {
			throw new IllegalStateException("a stored manifest has no media type line");
		}
		String mediaType = new String(value, 0, newline, StandardCharsets.US_ASCII);
		return new StoredManifest(mediaType, Arrays.copyOfRange(value, newline + 1, value.length),
				origin == null ? null : new String(origin, StandardCharsets.US_ASCII));
	}

	private static Throwable unavailable(Throwable cause) {
		return OciError.MANIFEST_STORE_UNAVAILABLE.exception("the store of rewritten manifest lists cannot be reached");
	}

}
