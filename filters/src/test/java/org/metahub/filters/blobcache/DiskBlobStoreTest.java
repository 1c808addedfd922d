package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.metahub.filters.blobcache.BlobWriteException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metahub.filters.blobcache.Blobs.bytes;
import static org.metahub.filters.blobcache.Blobs.digestOf;
import static org.metahub.filters.blobcache.Blobs.read;
import static org.metahub.filters.blobcache.Blobs.store;
import static org.metahub.filters.blobcache.Blobs.writeAll;

class DiskBlobStoreTest extends BlobStoreContractTest {

	@TempDir
	Path root;

	@Override
	protected BlobStore newStore(long maxSize) {
		return new DiskBlobStore(root.resolve(UUID.randomUUID().toString()), maxSize);
	}

	@Override
	protected void assertNothingKept(BlobStore store, BlobDigest digest) {
		super.assertNothingKept(store, digest);
		assertThat(files(root)).isEmpty();
	}

	@Test
	void anEntryIsAFileNamedByItsDigestAndNothingIsLeftAside() throws IOException {
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20);
		byte[] blob = bytes(4000, 1);
		CachedBlob stored = store(store, blob);
		String hex = digestOf(blob).hex();
		Path entry = root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
		assertThat(stored).isInstanceOfSatisfying(FileBlob.class, file -> assertThat(file.file()).isEqualTo(entry));
		assertThat(entry).hasBinaryContent(blob);
		assertThat(files(root)).containsExactly(entry);
	}

	@Test
	void aBlobIsWrittenAsideUntilVerified() throws IOException {
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20);
		byte[] blob = bytes(4000, 2);
		try (BlobWriter writer = store.writer(digestOf(blob), blob.length)) {
			writeAll(writer, blob);
			assertThat(files(root)).singleElement().satisfies(file -> assertThat(file.getParent()).isEqualTo(root.resolve("tmp")));
			assertThat(store.find(digestOf(blob))).isEmpty();
			writer.commit();
		}
		assertThat(files(root.resolve("tmp"))).isEmpty();
	}

	@Test
	void entriesAndTheirLastUseSurviveARestart() throws IOException {
		DiskBlobStore before = new DiskBlobStore(root, 3000);
		byte[] a = bytes(1000, 3);
		byte[] b = bytes(1000, 4);
		byte[] c = bytes(1000, 5);
		for (byte[] blob : List.of(a, b, c)) {
			store(before, blob);
		}
		// modification times one second apart, so the order is plain however coarse the file system's clock
		Files.setLastModifiedTime(entry(a), FileTime.fromMillis(3_000_000));
		Files.setLastModifiedTime(entry(b), FileTime.fromMillis(1_000_000));
		Files.setLastModifiedTime(entry(c), FileTime.fromMillis(2_000_000));

		DiskBlobStore after = new DiskBlobStore(root, 3000);
		assertThat(after.size()).isEqualTo(3000);
		assertThat(after.entryCount()).isEqualTo(3);
		store(after, bytes(1000, 6));
		assertThat(after.find(digestOf(b))).isEmpty();
		assertThat(read(after.find(digestOf(a)).orElseThrow())).isEqualTo(a);
		assertThat(read(after.find(digestOf(c)).orElseThrow())).isEqualTo(c);
	}

	@Test
	void readingAnEntryMarksItUsedAcrossARestart() throws IOException {
		DiskBlobStore before = new DiskBlobStore(root, 2000);
		byte[] a = bytes(1000, 7);
		byte[] b = bytes(1000, 8);
		store(before, a);
		store(before, b);
		Files.setLastModifiedTime(entry(a), FileTime.fromMillis(1_000_000));
		Files.setLastModifiedTime(entry(b), FileTime.fromMillis(2_000_000));
		before.find(digestOf(a)).orElseThrow();

		DiskBlobStore after = new DiskBlobStore(root, 2000);
		store(after, bytes(1000, 9));
		assertThat(after.find(digestOf(b))).isEmpty();
		assertThat(after.find(digestOf(a))).isPresent();
	}

	@Test
	void incompleteWritesAreRemovedAtStart() throws IOException {
		DiskBlobStore before = new DiskBlobStore(root, 1 << 20);
		byte[] blob = bytes(4000, 10);
		BlobWriter abandoned = before.writer(digestOf(blob), blob.length);
		abandoned.write(ByteBuffer.wrap(blob, 0, 1000));
		assertThat(files(root.resolve("tmp"))).hasSize(1);

		DiskBlobStore after = new DiskBlobStore(root, 1 << 20);
		assertThat(files(root.resolve("tmp"))).isEmpty();
		assertThat(after.find(digestOf(blob))).isEmpty();
		assertThat(after.size()).isZero();
	}

	@Test
	void aSmallerMaximumAtStartEvictsTheLeastRecentlyUsed() throws IOException {
		DiskBlobStore before = new DiskBlobStore(root, 3000);
		byte[] a = bytes(1000, 11);
		byte[] b = bytes(1000, 12);
		store(before, a);
		store(before, b);
		Files.setLastModifiedTime(entry(a), FileTime.fromMillis(2_000_000));
		Files.setLastModifiedTime(entry(b), FileTime.fromMillis(1_000_000));

		DiskBlobStore after = new DiskBlobStore(root, 1500);
		assertThat(after.size()).isEqualTo(1000);
		assertThat(entry(b)).doesNotExist();
		assertThat(after.find(digestOf(a))).isPresent();
	}

	@Test
	void evictedEntriesLeaveTheDiskSoItsBytesStayBounded() throws IOException {
		DiskBlobStore store = new DiskBlobStore(root, 5000);
		for (int seed = 0; seed < 12; seed++) {
			store(store, bytes(1000 + seed * 100, 100 + seed));
			assertThat(bytesOnDisk()).isLessThanOrEqualTo(5000);
		}
	}

	@Test
	void anEntryRemovedBehindTheStoresBackIsAMissAndIsForgotten() throws IOException {
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20);
		byte[] blob = bytes(1000, 13);
		store(store, blob);
		Files.delete(entry(blob));
		assertThat(store.find(digestOf(blob))).isEmpty();
		assertThat(store.size()).isZero();
	}

	@Test
	void aWriteErrorFailsOnlyThatWrite() throws IOException {
		byte[] kept = bytes(1000, 14);
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20, file -> new DiskFullAfter(FileChannel.open(file,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 2500));
		store(store, kept);
		byte[] blob = bytes(4000, 15);
		try (BlobWriter writer = store.writer(digestOf(blob), blob.length)) {
			writeAll(writer, blob);
			assertThat(writer.kept()).isEqualTo(2000);
			assertThat(store.size()).isEqualTo(1000);
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.WRITE_ERROR));
		}
		assertThat(store.find(digestOf(blob))).isEmpty();
		assertThat(files(root.resolve("tmp"))).isEmpty();
		assertThat(store.size()).isEqualTo(1000);
		assertThat(read(store.find(digestOf(kept)).orElseThrow())).isEqualTo(kept);
		assertThat(read(new DiskBlobStore(root, 1 << 20).find(digestOf(kept)).orElseThrow())).isEqualTo(kept);
	}

	@Test
	void aFolderThatCannotBeWrittenFailsTheWriteCleanly() throws IOException {
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20);
		byte[] kept = bytes(1000, 16);
		store(store, kept);
		Files.delete(root.resolve("tmp"));
		Files.writeString(root.resolve("tmp"), "in the way");
		byte[] blob = bytes(1000, 17);
		assertThatThrownBy(() -> store.writer(digestOf(blob), blob.length)).isInstanceOfSatisfying(
				BlobWriteException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.WRITE_ERROR));
		assertThat(store.size()).isEqualTo(1000);
		assertThat(read(store.find(digestOf(kept)).orElseThrow())).isEqualTo(kept);
	}

	@Test
	void aWriteThatWouldLeaveLessThanTheFreeSpaceFloorIsRefused() throws IOException {
		AtomicLong free = new AtomicLong(10_000);
		DiskBlobStore store = new DiskBlobStore(root, 1 << 20, DiskBlobStoreTest::create, free::get, 4000);
		byte[] blob = bytes(7000, 18);
		assertThatThrownBy(() -> store.writer(digestOf(blob), blob.length)).isInstanceOfSatisfying(
				BlobWriteException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROOM));
		byte[] fits = bytes(6000, 19);
		store(store, fits);
		assertThat(store.size()).isEqualTo(6000);
		assertThat(files(root.resolve("tmp"))).isEmpty();
	}

	@Test
	void aWriteGivesUpOnceTheFreeSpaceDropsBelowTheFloor() throws IOException {
		AtomicLong free = new AtomicLong(100L << 20);
		DiskBlobStore store = new DiskBlobStore(root, 64L << 20, DiskBlobStoreTest::create, free::get, 1L << 20);
		byte[] blob = bytes(10 << 20, 20);
		try (BlobWriter writer = store.writer(digestOf(blob), -1)) {
			// something else fills the disk while the blob is written
			free.set(1000);
			writeAll(writer, blob);
			assertThat(writer.kept()).isLessThan(blob.length);
			assertThatThrownBy(writer::commit).isInstanceOfSatisfying(BlobWriteException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROOM));
		}
		assertThat(store.find(digestOf(blob))).isEmpty();
		assertThat(store.size()).isZero();
		assertThat(files(root.resolve("tmp"))).isEmpty();
	}

	@Test
	void theDefaultFloorIsATenthOfTheFileSystemAtMostOneGigabyte() throws IOException {
		long total = Files.getFileStore(root).getTotalSpace();
		assertThat(new DiskBlobStore(root, 1 << 20).minFreeSpace()).isEqualTo(Math.min(total / 10, 1L << 30));
	}

	private static WritableByteChannel create(Path file) throws IOException {
		return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}

	private Path entry(byte[] blob) {
		String hex = digestOf(blob).hex();
		return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
	}

	private long bytesOnDisk() throws IOException {
		long total = 0;
		for (Path file : files(root)) {
			total += Files.size(file);
		}
		return total;
	}

	private static List<Path> files(Path folder) {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
