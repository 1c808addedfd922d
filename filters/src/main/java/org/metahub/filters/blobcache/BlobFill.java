package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * One upstream fetch of a blob, written through a store's writer, that any number of clients follow:
 * each reads from byte 0 what already landed (from the file being written) and then what lands next.
 * Only the writer's bytes are shared, so memory does not grow with the blob or with a slow client. On
 * an upstream error or a mismatch every client's bytes end with that error, and nothing is kept.
 */
public final class BlobFill {

	private static final int UPSTREAM_PREFETCH = 4;

	private final BlobWriter writer;

	private final PartialBlob partial;

	private final Scheduler scheduler;

	private final DataBufferFactory buffers;

	private final int chunkSize;

	private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

	/** The fill itself and each follower; the partial blob is closed when the last lets go. */
	private final AtomicInteger holders = new AtomicInteger(1);

	private volatile long landed;

	private volatile CachedBlob result;

	private volatile Throwable failure;

	private final Consumer<Throwable> onEnd;

	private BlobFill(BlobWriter writer, PartialBlob partial, Scheduler scheduler, DataBufferFactory buffers, int chunkSize,
			Consumer<Throwable> onEnd) {
		this.writer = writer;
		this.partial = partial;
		this.scheduler = scheduler;
		this.buffers = buffers;
		this.chunkSize = chunkSize;
		this.onEnd = onEnd;
	}

	/**
	 * Starts writing the upstream's bytes to a new writer of the store; asks for the upstream only once
	 * the store has taken the blob.
	 * @param onEnd runs once the fill has ended, with its failure or {@code null} once committed
	 * @throws BlobWriteException when the store cannot take the blob: the caller streams the upstream itself
	 */
	static BlobFill start(BlobStore store, BlobDigest digest, long expectedSize, Supplier<Flux<DataBuffer>> upstream,
			Scheduler scheduler, DataBufferFactory buffers, int chunkSize, Consumer<Throwable> onEnd) throws BlobWriteException {
		BlobWriter writer = store.writer(digest, expectedSize);
		PartialBlob partial;
		try {
			partial = writer.partial();
		}
		catch (IOException ex) {
			writer.close();
			throw new BlobWriteException(BlobWriteException.Reason.WRITE_ERROR, "cannot read back " + digest, ex);
		}
		BlobFill fill = new BlobFill(writer, partial, scheduler, buffers, chunkSize, onEnd);
		// the fill ends on the scheduler, never inside the caller's registration of it
		upstream.get().publishOn(scheduler, UPSTREAM_PREFETCH)
			.doOnNext(fill::land)
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
			.then(Mono.fromCallable(writer::commit))
			.subscribe(fill::committed, fill::failed);
		return fill;
	}

	/** The whole blob from byte 0, in chunks as they land; ends with an error if the fill fails. */
	public Flux<DataBuffer> bytes() {
		return Flux.defer(() -> {
			if (!hold()) {
				// ended and let go of the partial blob meanwhile: the entry (or the failure) is what is left
				CachedBlob kept = result;
				return kept != null ? DataBufferUtils.readByteChannel(kept::open, buffers, chunkSize)
						: Flux.<DataBuffer>error(failure);
			}
			return Flux.create(this::follow);
		});
	}

	private void follow(FluxSink<DataBuffer> sink) {
		Follower follower = new Follower(sink);
		followers.add(follower);
		sink.onRequest(demand -> follower.drain());
		sink.onDispose(() -> {
			followers.remove(follower);
			letGo();
		});
		follower.drain();
	}

	private void land(DataBuffer buffer) {
		try {
			try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
				while (chunks.hasNext()) {
					writer.write(chunks.next());
				}
			}
			landed = writer.written();
		}
		catch (BlobWriteException ex) {
			throw Exceptions.propagate(ex);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		followers.forEach(Follower::drain);
	}

	private void committed(CachedBlob blob) {
		result = blob;
		end();
	}

	private void failed(Throwable error) {
		writer.close();
		failure = Exceptions.unwrap(error);
		end();
	}

	private void end() {
		followers.forEach(Follower::drain);
		letGo();
		onEnd.accept(failure);
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

		private long position;

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
				boolean ended = result != null;
				long available = landed;
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
					ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(chunkSize, available - position));
					while (chunk.hasRemaining()) {
						if (partial.read(chunk, position + chunk.position()) <= 0) {
							throw new IOException("the bytes that landed cannot be read back");
						}
					}
					position += chunk.flip().remaining();
					sink.next(buffers.wrap(chunk));
				}
				catch (IOException ex) {
					sink.error(ex);
					return false;
				}
			}
			return false;
		}

	}

}
