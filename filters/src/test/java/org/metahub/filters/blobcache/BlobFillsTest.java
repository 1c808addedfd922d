package org.metahub.filters.blobcache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import org.metahub.filters.blobcache.BlobWriteException.Reason;
import org.metahub.filters.testing.Poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metahub.filters.blobcache.Blobs.bytes;
import static org.metahub.filters.blobcache.Blobs.digestOf;

/** Fills through the disk store; {@link InMemoryBlobFillsTest} runs the same through its twin. */
@ExtendWith(OutputCaptureExtension.class)
class BlobFillsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int CHUNK = 1000;

	@TempDir
	Path root;

	private final byte[] blob = bytes(64 * 1024, 1);

	private final BlobDigest digest = digestOf(blob);

	private BlobStore store;

	private BlobFills fills;

	private final AtomicInteger upstreamFetches = new AtomicInteger();

	private final Sinks.Many<DataBuffer> upstream = Sinks.many().unicast().onBackpressureBuffer();

	/** The store the fills write to; the disk store here, its twin in a subclass. */
	protected BlobStore newStore(Path folder, long maxSize) {
		return new DiskBlobStore(folder, maxSize);
	}

	private void storeOfAtMost(long maxSize) {
		store = newStore(root, maxSize);
		fills = new BlobFills(store, Schedulers.boundedElastic(), DefaultDataBufferFactory.sharedInstance, CHUNK);
	}

	private Flux<DataBuffer> fetch() {
		return fetch(blob.length, () -> {
			upstreamFetches.incrementAndGet();
			return upstream.asFlux();
		});
	}

	private Flux<DataBuffer> fetch(long size, Supplier<Flux<DataBuffer>> source) {
		return fills.fetch(digest, size, "upstream 127.0.0.1:5000 repository team/app", source);
	}

	private void upstreamSends(byte[] bytes, int from, int to) {
		for (int offset = from; offset < to; offset += 4096) {
			byte[] piece = Arrays.copyOfRange(bytes, offset, Math.min(to, offset + 4096));
			assertThat(upstream.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(piece)).isSuccess()).isTrue();
		}
	}

	private static Flux<DataBuffer> chunks(byte[] bytes) {
		return Flux.range(0, (bytes.length + 4095) / 4096).map(i -> DefaultDataBufferFactory.sharedInstance
			.wrap(Arrays.copyOfRange(bytes, i * 4096, Math.min(bytes.length, (i + 1) * 4096))));
	}

	@Test
	void oneClientStreamsTheBlobAndItIsKept() throws Exception {
		storeOfAtMost(1 << 20);
		Client client = Client.of(fetch());
		upstreamSends(blob, 0, blob.length);
		upstream.tryEmitComplete();
		assertThat(client.bytes()).isEqualTo(blob);
		assertThat(Blobs.read(store.find(digest).orElseThrow())).isEqualTo(blob);
		Poll.until("the fill to be forgotten", TIMEOUT, () -> fills.running() == 0);
	}

	@Test
	void concurrentClientsShareOneUpstreamFetch() throws Exception {
		storeOfAtMost(1 << 20);
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			clients.add(Client.of(fetch()));
		}
		Poll.until("the fill to start", TIMEOUT, () -> upstreamFetches.get() == 1);
		upstreamSends(blob, 0, blob.length);
		upstream.tryEmitComplete();
		for (Client client : clients) {
			assertThat(client.bytes()).isEqualTo(blob);
		}
		assertThat(upstreamFetches).hasValue(1);
	}

	@Test
	void aClientJoiningHalfwayGetsTheWholeBlobFromByteZero() throws Exception {
		storeOfAtMost(1 << 20);
		Client first = Client.of(fetch());
		upstreamSends(blob, 0, blob.length / 2);
		Poll.until("the first half to reach the first client", TIMEOUT, () -> first.received() == blob.length / 2);
		Client late = Client.of(fetch());
		Poll.until("the late client to catch up from the file", TIMEOUT, () -> late.received() == blob.length / 2);
		upstreamSends(blob, blob.length / 2, blob.length);
		upstream.tryEmitComplete();
		assertThat(first.bytes()).isEqualTo(blob);
		assertThat(late.bytes()).isEqualTo(blob);
		assertThat(upstreamFetches).hasValue(1);
	}

	@Test
	void anUpstreamThatBreaksOffFailsEveryClientAndKeepsNothing() throws Exception {
		storeOfAtMost(1 << 20);
		Client first = Client.of(fetch());
		upstreamSends(blob, 0, blob.length / 2);
		Client second = Client.of(fetch());
		Poll.until("both clients to have the first half", TIMEOUT,
				() -> first.received() == blob.length / 2 && second.received() == blob.length / 2);
		upstream.tryEmitError(new IOException("connection reset by the upstream"));
		assertThat(first.failure()).hasMessageContaining("connection reset");
		assertThat(second.failure()).hasMessageContaining("connection reset");
		assertNothingKept();
		assertThat(Client.of(fetch(blob.length, () -> {
			upstreamFetches.incrementAndGet();
			return chunks(blob);
		})).bytes()).isEqualTo(blob);
		assertThat(upstreamFetches).hasValue(2);
	}

	@Test
	void wrongBytesFailEveryClientWhoseLastByteWaitsForTheVerdict(CapturedOutput output) throws Exception {
		storeOfAtMost(1 << 20);
		byte[] other = bytes(blob.length, 2);
		Client first = Client.of(fetch());
		Client second = Client.of(fetch());
		Poll.until("the fill to start", TIMEOUT, () -> upstreamFetches.get() == 1);
		upstreamSends(other, 0, other.length);
		Poll.until("both clients to have every byte but the last", TIMEOUT,
				() -> first.received() == blob.length - 1 && second.received() == blob.length - 1);
		upstream.tryEmitComplete();
		for (Client client : List.of(first, second)) {
			assertThat(client.failure()).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
		}
		assertNothingKept();
		assertThat(output.getAll().split("SECURITY digest mismatch: blob from upstream 127.0.0.1:5000 repository team/app: bytes written for " + digest, -1)).hasSize(2);
	}

	@Test
	void aSlowClientDoesNotHoldBackTheFillAndReadsTheRestLater() throws Exception {
		storeOfAtMost(1 << 20);
		Client slow = Client.of(fetch(), 1);
		upstreamSends(blob, 0, blob.length);
		upstream.tryEmitComplete();
		Poll.until("the blob to be kept", TIMEOUT, () -> store.find(digest).isPresent());
		assertThat(slow.received()).isLessThanOrEqualTo(CHUNK);
		slow.requestAll();
		assertThat(slow.bytes()).isEqualTo(blob);
	}

	@Test
	void aKeptBlobIsServedWithoutTheUpstream() throws Exception {
		storeOfAtMost(1 << 20);
		Blobs.store(store, blob);
		assertThat(Client.of(fetch()).bytes()).isEqualTo(blob);
		assertThat(upstreamFetches).hasValue(0);
	}

	@Test
	void aBlobTheStoreCannotTakePassesThrough() throws Exception {
		storeOfAtMost(blob.length - 1);
		assertThat(Client.of(fetch(blob.length, () -> {
			upstreamFetches.incrementAndGet();
			return chunks(blob);
		})).bytes()).isEqualTo(blob);
		assertThat(upstreamFetches).hasValue(1);
		assertThat(store.find(digest)).isEmpty();
	}

	@Test
	void aWriteErrorInTheMiddleOfAFillPassesTheRestThroughToEveryClient() throws Exception {
		store = new DiskBlobStore(root, 1 << 20, file -> new DiskFullAfter(FileChannel.open(file,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), blob.length / 3));
		fills = new BlobFills(store, Schedulers.boundedElastic(), DefaultDataBufferFactory.sharedInstance, CHUNK);
		Client first = Client.of(fetch());
		Client second = Client.of(fetch());
		upstreamSends(blob, 0, blob.length / 4);
		Poll.until("both clients to follow the fill", TIMEOUT,
				() -> first.received() == blob.length / 4 && second.received() == blob.length / 4);
		upstreamSends(blob, blob.length / 4, blob.length / 2);
		Poll.until("the fill to give up keeping the blob", TIMEOUT, () -> fills.running() == 0);
		Client late = Client.of(fetch(blob.length, () -> {
			upstreamFetches.incrementAndGet();
			return chunks(blob);
		}));
		upstreamSends(blob, blob.length / 2, blob.length);
		upstream.tryEmitComplete();
		assertThat(first.bytes()).isEqualTo(blob);
		assertThat(second.bytes()).isEqualTo(blob);
		assertThat(late.bytes()).isEqualTo(blob);
		assertNothingKept();
	}

	@Test
	void wrongBytesAfterTheStoreGaveUpStillFailEveryClient() throws Exception {
		store = new DiskBlobStore(root, 1 << 20, file -> new DiskFullAfter(FileChannel.open(file,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 5000));
		fills = new BlobFills(store, Schedulers.boundedElastic(), DefaultDataBufferFactory.sharedInstance, CHUNK);
		Client first = Client.of(fetch());
		Client second = Client.of(fetch());
		byte[] other = bytes(blob.length, 3);
		upstreamSends(other, 0, 4096);
		Poll.until("both clients to follow the fill", TIMEOUT, () -> first.received() == 4096 && second.received() == 4096);
		upstreamSends(other, 4096, other.length);
		upstream.tryEmitComplete();
		for (Client client : List.of(first, second)) {
			assertThat(client.failure()).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
		}
		assertNothingKept();
	}

	@Test
	void aBlobOfUnknownSizeLargerThanTheStorePassesThroughWhole() throws Exception {
		storeOfAtMost(blob.length / 2);
		Client slow = Client.of(fetch(-1, () -> {
			upstreamFetches.incrementAndGet();
			return upstream.asFlux();
		}), 1);
		upstreamSends(blob, 0, 4096);
		Poll.until("the client to follow the fill", TIMEOUT, () -> slow.received() > 0);
		upstreamSends(blob, 4096, blob.length);
		upstream.tryEmitComplete();
		slow.requestAll();
		assertThat(slow.bytes()).isEqualTo(blob);
		assertNothingKept();
	}

	@Test
	void aBlobTheStoreRefusesIsStillVerifiedAsItPassesThrough() throws Exception {
		storeOfAtMost(blob.length - 1);
		Client client = Client.of(fetch(blob.length, () -> chunks(bytes(blob.length, 4))));
		assertThat(client.failure()).isInstanceOfSatisfying(BlobWriteException.class,
				ex -> assertThat(ex.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
	}

	private void assertNothingKept() throws IOException {
		assertThat(store.find(digest)).isEmpty();
		Poll.until("the fill to be forgotten", TIMEOUT, () -> fills.running() == 0);
		assertThat(store.size()).isZero();
		try (Stream<Path> files = Files.walk(root)) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	/** A client reading a blob: what it received so far, and how its bytes ended. */
	private static final class Client extends BaseSubscriber<DataBuffer> {

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private final CompletableFuture<byte[]> end = new CompletableFuture<>();

		private final long initialDemand;

		private Client(long initialDemand) {
			this.initialDemand = initialDemand;
		}

		static Client of(Flux<DataBuffer> bytes) {
			return of(bytes, Long.MAX_VALUE);
		}

		static Client of(Flux<DataBuffer> bytes, long initialDemand) {
			Client client = new Client(initialDemand);
			bytes.subscribe(client);
			return client;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(initialDemand);
		}

		@Override
		protected void hookOnNext(DataBuffer buffer) {
			byte[] chunk = new byte[buffer.readableByteCount()];
			buffer.read(chunk);
			DataBufferUtils.release(buffer);
			synchronized (received) {
				received.writeBytes(chunk);
			}
		}

		@Override
		protected void hookOnComplete() {
			synchronized (received) {
				end.complete(received.toByteArray());
			}
		}

		@Override
		protected void hookOnError(Throwable error) {
			end.completeExceptionally(error);
		}

		void requestAll() {
			request(Long.MAX_VALUE);
		}

		int received() {
			synchronized (received) {
				return received.size();
			}
		}

		byte[] bytes() throws Exception {
			return end.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		Throwable failure() {
			assertThatThrownBy(() -> end.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
			return end.handle((bytes, error) -> error).join();
		}

	}

}
