package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * One upstream fetch of a blob, written through a store's writer, that any number of clients follow:
 * each reads from byte 0 what already landed (from the file being written) and then what lands next.
 * Only the writer's bytes are shared, so memory does not grow with the blob or with a slow client. On
 * an upstream error or a mismatch every client's bytes end with that error, and nothing is kept. When
 * the store gives up keeping the bytes (disk full, a write error), the fill passes the rest through:
 * its clients read the bytes that were kept, then a few chunks held in memory, and the upstream waits
 * for the slowest of them; no client joins it any more.
 */
public final class BlobFill {

	/** What the registry of running fills hears about one. */
	interface Listener {

		/** The store gave up keeping the blob: new clients must not join. */
		void gaveUp(BlobFill fill);

		/** The fill ended: with its failure, or {@code null} once its bytes were verified (kept or not). */
		void ended(BlobFill fill, Throwable failure);

	}

	/** A client asked to join a fill that keeps nothing any more: it must fetch on its own. */
	static final class NotJoinable extends IOException {

		NotJoinable() {
			super("the fill no longer keeps its bytes", null);
		}

	}

	private static final int UPSTREAM_PREFETCH = 4;

	/** Chunks held for the clients once nothing more is kept; the upstream is asked for more below it. */
	private static final int PASSED_CHUNKS = 8;

	private final BlobWriter writer;

	private final PartialBlob partial;

	private final Scheduler scheduler;

	private final DataBufferFactory buffers;

	private final int chunkSize;

	private final Listener listener;

	private final BlobCacheMetrics metrics;

	private final Landing landing = new Landing();

	private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

	/** The fill itself and each follower; the partial blob is closed when the last lets go. */
	private final AtomicInteger holders = new AtomicInteger(1);

	/** Guards the chunks passed through, the followers' registration once given up, and the pause. */
	private final Object lock = new Object();

	private final Deque<Passed> passed = new ArrayDeque<>();

	private boolean joinable = true;

	private boolean paused;

	/** No client has come yet: the one that started the fill is about to follow it. */
	private boolean awaitingFirst = true;

	/** For a pass-through: the upstream, subscribed once its one client follows. */
	private Supplier<Flux<DataBuffer>> upstreamOnFollow;

	private volatile long landed;

	private volatile long kept;

	private volatile boolean givenUp;

	private volatile boolean complete;

	private volatile CachedBlob result;

	private volatile Throwable failure;

	private record Passed(long offset, byte[] bytes) {

		long end() {
			return offset + bytes.length;
		}

	}

	private BlobFill(BlobWriter writer, PartialBlob partial, Scheduler scheduler, DataBufferFactory buffers, int chunkSize,
			Listener listener, BlobCacheMetrics metrics) {
		this.writer = writer;
		this.partial = partial;
		this.scheduler = scheduler;
		this.buffers = buffers;
		this.chunkSize = chunkSize;
		this.listener = listener;
		this.metrics = metrics;
	}

	/**
	 * Starts writing the upstream's bytes to the writer at once, for clients that join it.
	 * @throws BlobWriteException when the bytes written cannot be read back: the caller streams the upstream itself
	 */
	static BlobFill start(BlobWriter writer, Supplier<Flux<DataBuffer>> upstream, Scheduler scheduler,
			DataBufferFactory buffers, int chunkSize, Listener listener, BlobCacheMetrics metrics) throws BlobWriteException {
		BlobFill fill = new BlobFill(writer, readBack(writer), scheduler, buffers, chunkSize, listener, metrics);
		fill.subscribe(upstream);
		return fill;
	}

	/**
	 * The upstream's bytes for one client through a writer that keeps nothing (the store refused the
	 * blob): verified as they pass, asked for only once the client is there.
	 */
	static Flux<DataBuffer> passThrough(BlobWriter writer, Supplier<Flux<DataBuffer>> upstream, Scheduler scheduler,
			DataBufferFactory buffers, int chunkSize, Listener listener, BlobCacheMetrics metrics) {
		return Flux.defer(() -> {
			BlobFill fill;
			try {
				fill = new BlobFill(writer, readBack(writer), scheduler, buffers, chunkSize, listener, metrics);
			}
			catch (BlobWriteException ex) {
				return Flux.error(ex);
			}
			fill.upstreamOnFollow = upstream;
			return fill.bytes();
		});
	}

	private static PartialBlob readBack(BlobWriter writer) throws BlobWriteException {
		try {
			return writer.partial();
		}
		catch (IOException ex) {
			writer.close();
			throw new BlobWriteException(BlobWriteException.Reason.WRITE_ERROR, "cannot read back what is written", ex);
		}
	}

	private void subscribe(Supplier<Flux<DataBuffer>> upstream) {
		// the fill ends on the scheduler, never inside the caller's registration of it
		upstream.get().publishOn(scheduler, UPSTREAM_PREFETCH)
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
			.subscribe(landing);
	}

	/**
	 * The whole blob from byte 0, in chunks as they land; ends with an error if the fill fails, with
	 * {@link NotJoinable} (before any byte) if it no longer keeps its bytes.
	 */
	public Flux<DataBuffer> bytes() {
		return Flux.defer(() -> {
			if (!hold()) {
				// ended and let go of the partial blob meanwhile: the entry (or the failure) is what is left
				CachedBlob kept = result;
				return kept != null ? DataBufferUtils.readByteChannel(kept::open, buffers, chunkSize)
						: Flux.<DataBuffer>error(failure != null ? failure : new NotJoinable());
			}
			return Flux.create(this::follow);
		});
	}

	private void follow(FluxSink<DataBuffer> sink) {
		Follower follower = new Follower(sink);
		boolean refused = false;
		synchronized (lock) {
			awaitingFirst = false;
			if (!joinable) {
				refused = true;
			}
			else {
				followers.add(follower);
			}
		}
		if (refused) {
			letGo();
			sink.error(new NotJoinable());
			passedOn(false);
			return;
		}
		sink.onRequest(demand -> follower.drain());
		sink.onDispose(() -> {
			followers.remove(follower);
			passedOn(false);
			letGo();
		});
		Supplier<Flux<DataBuffer>> upstream = upstreamOnFollow;
		if (upstream != null) {
			upstreamOnFollow = null;
			subscribe(upstream);
		}
		follower.drain();
	}

	/** The fill's subscriber to the upstream: one chunk at a time, so it can wait for slow clients once given up. */
	private final class Landing extends BaseSubscriber<DataBuffer> {

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(DataBuffer buffer) {
			try {
				land(buffer);
			}
			catch (BlobWriteException ex) {
				cancel();
				failed(ex);
				return;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
			followers.forEach(Follower::drain);
			if (!givenUp) {
				request(1);
			}
			else {
				passedOn(true);
			}
		}

		@Override
		protected void hookOnComplete() {
			try {
				committed(writer.commit());
			}
			catch (BlobWriteException ex) {
				if (ex.reason().isStorage()) {
					verified();
				}
				else {
					failed(ex);
				}
			}
		}

		@Override
		protected void hookOnError(Throwable error) {
			failed(error);
		}

	}

	private void land(DataBuffer buffer) throws BlobWriteException {
		long offset = writer.written();
		metrics.fromUpstream(buffer.readableByteCount());
		try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
			while (chunks.hasNext()) {
				writer.write(chunks.next());
			}
		}
		long written = writer.written();
		long nowKept = writer.kept();
		if (nowKept < written) {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			boolean first;
			synchronized (lock) {
				passed.addLast(new Passed(offset, bytes));
				first = joinable;
				joinable = false;
			}
			kept = nowKept;
			givenUp = true;
			if (first) {
				listener.gaveUp(this);
			}
		}
		else {
			kept = nowKept;
		}
		landed = written;
	}

	/**
	 * Forgets the chunks every client has read, asks the upstream for the next chunk when there is room
	 * (right after one landed, or when it waited), and stops it when no client is left.
	 */
	private void passedOn(boolean afterLanding) {
		if (!givenUp) {
			return;
		}
		boolean ask;
		boolean abandoned;
		synchronized (lock) {
			long slowest = followers.stream().mapToLong(follower -> follower.position).min().orElse(Long.MAX_VALUE);
			while (!passed.isEmpty() && passed.peekFirst().end() <= slowest) {
				passed.removeFirst();
			}
			abandoned = followers.isEmpty() && !awaitingFirst && !complete && failure == null;
			boolean waiting = (paused || afterLanding) && !abandoned;
			ask = waiting && passed.size() < PASSED_CHUNKS;
			paused = waiting && !ask;
		}
		if (abandoned) {
			// nothing is kept and nobody reads: the rest of the upstream's bytes would go nowhere
			landing.cancel();
			failed(new IOException("every client of the passed-through blob left"));
		}
		else if (ask) {
			landing.request(1);
		}
	}

	private Passed passedAt(long position) throws IOException {
		synchronized (lock) {
			for (Passed chunk : passed) {
				if (chunk.offset() <= position && position < chunk.end()) {
					return chunk;
				}
			}
		}
		throw new IOException("the bytes passed through at " + position + " are gone");
	}

	private synchronized void committed(CachedBlob blob) {
		result = blob;
		complete = true;
		end();
	}

	/** The bytes were right, but the store gave up keeping them: the clients read to the end. */
	private synchronized void verified() {
		complete = true;
		end();
	}

	private synchronized void failed(Throwable error) {
		if (failure != null || complete) {
			return;
		}
		writer.close();
		failure = error;
		end();
	}

	private void end() {
		// heard first, so a mismatch is logged before any client sees its error
		listener.ended(this, failure);
		followers.forEach(Follower::drain);
		letGo();
	}

	/**
	 * What a client may have of the landed bytes while the digest is not checked: all but the blob's last
	 * byte, so that a mismatch never reaches a client as a whole blob that reads as a clean end.
	 */
	private long beforeVerdict(long landed) {
		long size = writer.expectedSize();
		return size >= 0 ? Math.min(landed, size - 1) : landed - 1;
	}

	private boolean hold() {
		int current;
		do {
			current = holders.get();
			if (current == 0) {
				return false;
			}
		}
		while (!holders.compareAndSet(current, current + 1));
		return true;
	}

	private void letGo() {
		if (holders.decrementAndGet() == 0) {
			partial.close();
		}
	}

	/** One client: its position in the blob, moved on as it asks for bytes and as they land. */
	private final class Follower {

		private final FluxSink<DataBuffer> sink;

		private final AtomicInteger wip = new AtomicInteger();

		private volatile long position;

		Follower(FluxSink<DataBuffer> sink) {
			this.sink = sink;
		}

		void drain() {
			if (wip.getAndIncrement() == 0) {
				scheduler.schedule(this::loop);
			}
		}

		private void loop() {
			int missed = 1;
			do {
				if (!emit()) {
					return;
				}
				missed = wip.addAndGet(-missed);
			}
			while (missed != 0);
		}

		/** Sends what it can; false once the client's bytes have ended (the loop then never runs again). */
		private boolean emit() {
			while (!sink.isCancelled()) {
				Throwable failed = failure;
				if (failed != null) {
					sink.error(failed);
					return false;
				}
				boolean ended = complete;
				long available = ended ? landed : beforeVerdict(landed);
				if (position >= available) {
					if (ended) {
						sink.complete();
						return false;
					}
					return true;
				}
				if (sink.requestedFromDownstream() <= 0) {
					return true;
				}
				try {
					DataBuffer chunk = position < kept ? readKept(Math.min(available, kept)) : readPassed(available);
					position += chunk.readableByteCount();
					sink.next(chunk);
				}
				catch (IOException ex) {
					sink.error(ex);
					return false;
				}
				passedOn(false);
			}
			return false;
		}

		private DataBuffer readKept(long end) throws IOException {
			ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(chunkSize, end - position));
			while (chunk.hasRemaining()) {
				if (partial.read(chunk, position + chunk.position()) <= 0) {
					throw new IOException("the bytes that landed cannot be read back");
				}
			}
			return buffers.wrap(chunk.flip());
		}

		private DataBuffer readPassed(long end) throws IOException {
			Passed chunk = passedAt(position);
			int from = (int) (position - chunk.offset());
			int length = (int) Math.min(chunkSize, Math.min(end, chunk.end()) - position);
			// the passed bytes are never changed, so clients share them without a copy
			return buffers.wrap(ByteBuffer.wrap(chunk.bytes(), from, length).slice());
		}

	}

}
