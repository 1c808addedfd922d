package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import org.junit.jupiter.api.Test;

import org.metahub.filters.blobcache.BlobWriteException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metahub.filters.blobcache.Blobs.bytes;
import static org.metahub.filters.blobcache.Blobs.digestOf;
import static org.metahub.filters.blobcache.Blobs.read;
import static org.metahub.filters.blobcache.Blobs.store;
import static org.metahub.filters.blobcache.Blobs.writeAll;

/** What every {@link BlobStore} must do; run against the disk store and its in-memory twin. */
abstract class BlobStoreContractTest {

	/** A new, empty store holding at most {@code maxSize} bytes. */
	protected abstract BlobStore newStore(long maxSize);

	@Test
	void findsAStoredBlobWithIdenticalBytes() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(10_000, 1);
		CachedBlob stored = store(store, blob);
		assertThat(stored.digest()).isEqualTo(digestOf(blob));
		assertThat(stored.size()).isEqualTo(10_000);
		CachedBlob found = store.find(digestOf(blob)).orElseThrow();
		assertThat(found.size()).isEqualTo(10_000);
		assertThat(read(found)).isEqualTo(blob);
		assertThat(store.size()).isEqualTo(10_000);
	}

	@Test
	void anEntryCanBeReadFromAnyPosition() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(5000, 2);
		store(store, blob);
		try (SeekableByteChannel channel = store.find(digestOf(blob)).orElseThrow().open()) {
			assertThat(channel.size()).isEqualTo(5000);
			channel.position(4000);
			assertThat(Blobs.readAll(channel)).isEqualTo(java.util.Arrays.copyOfRange(blob, 4000, 5000));
		}
	}

	@Test
	void anUnknownDigestIsAMiss() {
		assertThat(newStore(1 << 20).find(digestOf(bytes(10, 3)))).isEmpty();
	}

	@Test
	void aBlobOfUnknownSizeIsStoredOnceItsDigestMatches() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(3500, 4);
		try (BlobWriter writer = store.writer(digestOf(blob), -1)) {
			writeAll(writer, blob);
			assertThat(writer.written()).isEqualTo(3500);
			writer.commit();
		}
		assertThat(read(store.find(digestOf(blob)).orElseThrow())).isEqualTo(blob);
	}

	@Test
	void bytesThatDoNotMatchTheDigestAreNeverKept() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] announced = bytes(2000, 5);
		byte[] served = bytes(2000, 6);
		try (BlobWriter writer = store.writer(digestOf(announced), served.length)) {
			writeAll(writer, served);
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
		}
		assertNothingKept(store, digestOf(announced));
		assertThat(store.find(digestOf(served))).isEmpty();
	}

	@Test
	void aShortWriteIsNeverKept() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(3000, 7);
		try (BlobWriter writer = store.writer(digestOf(blob), blob.length)) {
			writeAll(writer, java.util.Arrays.copyOf(blob, 2000));
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.SIZE_MISMATCH));
		}
		assertNothingKept(store, digestOf(blob));
	}

	@Test
	void moreBytesThanAnnouncedFailTheWriteAtOnce() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(3000, 8);
		try (BlobWriter writer = store.writer(digestOf(blob), 2999)) {
			assertThatThrownBy(() -> writeAll(writer, blob)).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.SIZE_MISMATCH));
		}
		assertNothingKept(store, digestOf(blob));
	}

	@Test
	void aWriterClosedWithoutCommitKeepsNothing() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(3000, 9);
		try (BlobWriter writer = store.writer(digestOf(blob), -1)) {
			writeAll(writer, blob);
		}
		assertNothingKept(store, digestOf(blob));
	}

	@Test
	void aBlobLargerThanTheStoreIsNeverStored() throws IOException {
		BlobStore store = newStore(4000);
		byte[] blob = bytes(4001, 10);
		assertThatThrownBy(() -> store.writer(digestOf(blob), blob.length)).isInstanceOfSatisfying(
				BlobWriteException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
		try (BlobWriter writer = store.writer(digestOf(blob), -1)) {
			writeAll(writer, blob);
			assertThat(writer.kept()).isLessThanOrEqualTo(4000);
			assertThat(writer.written()).isEqualTo(blob.length);
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
		}
		assertNothingKept(store, digestOf(blob));
	}

	@Test
	void bytesTheStoreGaveUpKeepingAreStillVerified() throws IOException {
		BlobStore store = newStore(4000);
		byte[] blob = bytes(4001, 10);
		byte[] other = bytes(4001, 20);
		try (BlobWriter writer = store.writer(digestOf(blob), -1)) {
			writeAll(writer, other);
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
		}
		assertNothingKept(store, digestOf(blob));
	}

	@Test
	void theLeastRecentlyUsedEntryIsEvictedFirstAndTheBoundHolds() throws IOException {
		BlobStore store = newStore(3000);
		byte[] a = bytes(1000, 11);
		byte[] b = bytes(1000, 12);
		byte[] c = bytes(1000, 13);
		store(store, a);
		store(store, b);
		store(store, c);
		assertThat(store.find(digestOf(a))).isPresent();
		assertThat(store.evictions()).isZero();
		store(store, bytes(1000, 14));
		assertThat(store.evictions()).isEqualTo(1);
		assertThat(store.find(digestOf(b))).isEmpty();
		assertThat(store.find(digestOf(a))).isPresent();
		assertThat(store.find(digestOf(c))).isPresent();
		assertThat(store.size()).isEqualTo(3000);
		store(store, bytes(2500, 15));
		assertThat(store.size()).isLessThanOrEqualTo(3000);
		assertThat(store.find(digestOf(a))).isEmpty();
	}

	@Test
	void aWriteInProgressCountsAgainstTheBound() throws IOException {
		BlobStore store = newStore(3000);
		byte[] old = bytes(2000, 16);
		store(store, old);
		byte[] fresh = bytes(2000, 17);
		try (BlobWriter writer = store.writer(digestOf(fresh), -1)) {
			writer.write(ByteBuffer.wrap(fresh, 0, 1500));
			assertThat(store.size()).isLessThanOrEqualTo(3000);
			assertThat(store.find(digestOf(old))).isEmpty();
			writer.write(ByteBuffer.wrap(fresh, 1500, 500));
			writer.commit();
		}
		assertThat(store.size()).isEqualTo(2000);
		try (BlobWriter first = store.writer(digestOf(bytes(2000, 18)), 2000)) {
			assertThatThrownBy(() -> store.writer(digestOf(bytes(2000, 19)), 2000)).isInstanceOfSatisfying(
					BlobWriteException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROOM));
		}
		assertThat(store.size()).isZero();
	}

	@Test
	void aReaderOfAnEvictedEntryStillReadsAllOfIt() throws IOException {
		BlobStore store = newStore(3000);
		byte[] blob = bytes(2000, 20);
		store(store, blob);
		try (SeekableByteChannel channel = store.find(digestOf(blob)).orElseThrow().open()) {
			channel.read(ByteBuffer.allocate(10));
			store(store, bytes(2000, 21));
			assertThat(store.find(digestOf(blob))).isEmpty();
			channel.position(0);
			assertThat(Blobs.readAll(channel)).isEqualTo(blob);
		}
	}

	@Test
	void storingABlobTwiceKeepsOneEntry() throws IOException {
		BlobStore store = newStore(1 << 20);
		byte[] blob = bytes(1500, 22);
		try (BlobWriter first = store.writer(digestOf(blob), blob.length);
				BlobWriter second = store.writer(digestOf(blob), blob.length)) {
			writeAll(first, blob);
			writeAll(second, blob);
			first.commit();
			assertThat(read(second.commit())).isEqualTo(blob);
		}
		store(store, blob);
		assertThat(store.size()).isEqualTo(1500);
		assertThat(read(store.find(digestOf(blob)).orElseThrow())).isEqualTo(blob);
	}

	@Test
	void theEmptyBlobIsStored() throws IOException {
		BlobStore store = newStore(1000);
		store(store, new byte[0]);
		assertThat(read(store.find(digestOf(new byte[0])).orElseThrow())).isEmpty();
	}

	protected void assertNothingKept(BlobStore store, BlobDigest digest) {
		assertThat(store.find(digest)).isEmpty();
		assertThat(store.size()).isZero();
	}

}
