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

	private final BlobCacheMetrics metrics;

	/** @param scheduler where the store's blocking reads and writes run */
	public BlobFills(BlobStore store, Scheduler scheduler, DataBufferFactory buffers, int chunkSize) {
		this(store, scheduler, buffers, chunkSize, BlobCacheMetrics.unregistered(store));
	}

	public BlobFills(BlobStore store, Scheduler scheduler, DataBufferFactory buffers, int chunkSize,
			BlobCacheMetrics metrics) {
		this.store = store;
		this.scheduler = scheduler;
		this.buffers = buffers;
		this.chunkSize = chunkSize;
		this.metrics = metrics;
	}

	/**
	 * The blob's bytes: from the store's entry, else by joining the fill running for the digest, else
	 * from a new fill of what {@code upstream} gives (asked for only then). When the store cannot take
	 * the blob (too large, no room, a write error), at the start or in the middle, the upstream's bytes
	 * pass through, still verified: a mismatch ends the client's bytes with an error.
	 * @param expectedSize the size the upstream announced, or {@code -1}
	 * @param source where the bytes come from (upstream and repository), for the log
	 */
	public Flux<DataBuffer> fetch(BlobDigest digest, long expectedSize, String source, Supplier<Flux<DataBuffer>> upstream) {
		return Flux.defer(() -> {
			Start start = new Start();
			// the look-up happens under the registry's lock, so a fill that just ended is found as an entry
			BlobFill fill = running.computeIfAbsent(digest, key -> {
				start.cached = store.find(key).orElse(null);
				if (start.cached != null) {
					return null;
				}
				try {
					start.started = true;
					return BlobFill.start(store.writer(key, expectedSize), upstream, scheduler, buffers, chunkSize,
							new Registered(key, source), metrics);
				}
				catch (BlobWriteException ex) {
					start.refusal = ex;
					return null;
				}
			});
			if (start.cached != null) {
				metrics.hit();
				return read(start.cached);
			}
			if (fill == null) {
				metrics.miss();
				logger.debug("not caching " + digest + ": " + start.refusal.getMessage());
				return passThrough(digest, expectedSize, source, upstream, start.refusal);
			}
			if (start.started) {
				metrics.miss();
			}
			else {
				metrics.join();
			}
			// a fill that gave up keeping the blob before this client followed it: the client fetches on its own
			return fill.bytes().onErrorResume(BlobFill.NotJoinable.class, notJoinable -> passThrough(digest,
					expectedSize, source, upstream, new BlobWriteException(BlobWriteException.Reason.WRITE_ERROR,
							"the running fill gave up keeping " + digest)));
		}).subscribeOn(scheduler);
	}

	private static final class Start {

		CachedBlob cached;

		boolean started;

		BlobWriteException refusal;

	}

	private Flux<DataBuffer> passThrough(BlobDigest digest, long expectedSize, String source,
			Supplier<Flux<DataBuffer>> upstream, BlobWriteException refusal) {
		return BlobFill.passThrough(VerifyingBlobWriter.verifyOnly(digest, expectedSize, refusal), upstream, scheduler,
				buffers, chunkSize, new Unregistered(digest, source), metrics);
	}

	/** A fill others may join: forgotten once it gives up keeping the blob, or ends. */
	private final class Registered implements BlobFill.Listener {

		private final BlobDigest digest;

		private final String source;

		Registered(BlobDigest digest, String source) {
			this.digest = digest;
			this.source = source;
		}

		@Override
		public void gaveUp(BlobFill fill) {
			logger.warn("passing " + digest + " from " + source + " through uncached: the cache could not keep it");
			running.remove(digest, fill);
		}

		@Override
		public void ended(BlobFill fill, Throwable failure) {
			logMismatch(source, failure);
			running.remove(digest, fill);
		}

	}

	private record Unregistered(BlobDigest digest, String source) implements BlobFill.Listener {

		@Override
		public void gaveUp(BlobFill fill) {
			// nobody could join it
		}

		@Override
		public void ended(BlobFill fill, Throwable failure) {
			logMismatch(source, failure);
		}

	}

	private static void logMismatch(String source, Throwable failure) {
		if (failure instanceof BlobWriteException refused && refused.reason() == BlobWriteException.Reason.DIGEST_MISMATCH) {
			// once per fill, however many clients followed it
			logger.warn("SECURITY digest mismatch: blob from " + source + ": " + refused.getMessage());
		}
	}

	private Flux<DataBuffer> read(CachedBlob blob) {
		return DataBufferUtils.readByteChannel(blob::open, buffers, chunkSize)
			.doOnNext(buffer -> metrics.fromCache(buffer.readableByteCount()));
	}

	/** Fills running now, for tests. */
	int running() {
		return running.size();
	}

}
