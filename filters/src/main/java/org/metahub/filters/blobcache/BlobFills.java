package org.metahub.filters.blobcache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The fills running now, one per digest: a client asking for a blob that is being fetched joins that
 * fetch instead of starting its own. (SingleFlight shares a finished result; this shares a stream
 * while it is being written, so it keeps the fill itself.)
 */
public final class BlobFills {

	private static final Log logger = LogFactory.getLog(BlobFills.class);

	private final Map<BlobDigest, BlobFill> running = new ConcurrentHashMap<>();

	private final BlobStore store;

	private final Scheduler scheduler;

	private final DataBufferFactory buffers;

	private final int chunkSize;

	/** @param scheduler where the store's blocking reads and writes run */
	public BlobFills(BlobStore store, Scheduler scheduler, DataBufferFactory buffers, int chunkSize) {
		this.store = store;
		this.scheduler = scheduler;
		this.buffers = buffers;
		this.chunkSize = chunkSize;
	}

	/**
	 * The blob's bytes: from the store's entry, else by joining the fill running for the digest, else
	 * from a new fill of what {@code upstream} gives (asked for only then). When the store cannot take
	 * the blob (too large, no room, a write error at the start) the upstream's bytes pass through.
	 * @param expectedSize the size the upstream announced, or {@code -1}
	 * @param source where the bytes come from (upstream and repository), for the log
	 */
	public Flux<DataBuffer> fetch(BlobDigest digest, long expectedSize, String source, Supplier<Flux<DataBuffer>> upstream) {
		return Flux.defer(() -> {
			CachedBlob[] cached = { null };
			// the look-up happens under the registry's lock, so a fill that just ended is found as an entry
			BlobFill fill = running.computeIfAbsent(digest, key -> {
				cached[0] = store.find(key).orElse(null);
				if (cached[0] != null) {
					return null;
				}
				try {
					return BlobFill.start(store, key, expectedSize, upstream, scheduler, buffers, chunkSize,
							failure -> ended(key, source, failure));
				}
				catch (BlobWriteException ex) {
					logger.debug("not caching " + key + ": " + ex.getMessage());
					return null;
				}
			});
			if (fill == null) {
				return cached[0] != null ? read(cached[0]) : upstream.get();
			}
			return fill.bytes();
		}).subscribeOn(scheduler);
	}

	private void ended(BlobDigest digest, String source, Throwable failure) {
		if (failure instanceof BlobWriteException refused && refused.reason() == BlobWriteException.Reason.DIGEST_MISMATCH) {
			// once per fill, however many clients followed it
			logger.warn("SECURITY digest mismatch: blob from " + source + ": " + refused.getMessage());
		}
		running.remove(digest);
	}

	private Flux<DataBuffer> read(CachedBlob blob) {
		return DataBufferUtils.readByteChannel(blob::open, buffers, chunkSize);
	}

	/** Fills running now, for tests. */
	int running() {
		return running.size();
	}

}
