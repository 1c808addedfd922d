package org.metahub.filters.blobcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Blobs as files: {@code <root>/sha256/<first two hex>/<hex>}, written aside under {@code <root>/tmp/}
 * and renamed into place once verified, so a file at an entry's path is always a verified blob. The
 * folder is the index: at start the entries are found by a scan (last use is the file's modification
 * time, which a read updates) and the files under {@code tmp/} are removed. One process per folder.
 */
public final class DiskBlobStore implements BlobStore {

	private static final Log logger = LogFactory.getLog(DiskBlobStore.class);

	/** Opens the file a new blob is written to; a test can make it fail. */
	interface TempFiles {

		WritableByteChannel create(Path temp) throws IOException;

	}

	/** The file system's free space, which a write must leave above the floor; a test can make it small. */
	interface DiskSpace {

		long usable() throws IOException;

	}

	/** Refuses a write that would leave less than the floor free. */
	record FreeSpace(DiskSpace disk, long floor) {

		void check(long bytes) throws BlobWriteException {
			long usable;
			try {
				usable = disk.usable();
			}
			catch (IOException ex) {
				throw new BlobWriteException(BlobWriteException.Reason.WRITE_ERROR, "cannot read the free space: " + ex, ex);
			}
			if (usable - bytes < floor) {
				throw new BlobWriteException(BlobWriteException.Reason.NO_ROOM, usable + " bytes free, writing " + bytes
						+ " more would leave less than the " + floor + " kept free");
			}
		}

	}

	private static final long DEFAULT_FLOOR_CAP = 1L << 30;

	private final Path entries;

	private final Path temp;

	private final TempFiles tempFiles;

	private final FreeSpace freeSpace;

	private final BlobIndex index;

	/** Keeps the default floor free: 10% of the file system, at most 1GiB. */
	public DiskBlobStore(Path root, long maxSize) {
		this(root, maxSize, -1);
	}

	/** @param minFreeSpace bytes a write must leave free on the file system, {@code -1} for the default */
	public DiskBlobStore(Path root, long maxSize, long minFreeSpace) {
		this(root, maxSize, file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				() -> Files.getFileStore(root).getUsableSpace(), minFreeSpace);
	}

	DiskBlobStore(Path root, long maxSize, TempFiles tempFiles) {
		this(root, maxSize, tempFiles, () -> Files.getFileStore(root).getUsableSpace(), -1);
	}

	DiskBlobStore(Path root, long maxSize, TempFiles tempFiles, DiskSpace disk, long minFreeSpace) {
		this.entries = root.resolve("sha256");
		this.temp = root.resolve("tmp");
		this.tempFiles = tempFiles;
		this.index = new BlobIndex(maxSize, this::delete);
		try {
			Files.createDirectories(entries);
			Files.createDirectories(temp);
			this.freeSpace = new FreeSpace(disk, minFreeSpace >= 0 ? minFreeSpace : defaultFloor(root));
			removeIncompleteWrites();
			restoreEntries();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot use " + root + " as the blob cache", ex);
		}
	}

	@Override
	public Optional<CachedBlob> find(BlobDigest digest) {
		OptionalLong size = index.use(digest);
		if (size.isEmpty()) {
			return Optional.empty();
		}
		Path file = entry(digest);
		try {
			// the last use survives a restart as the modification time
			Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
		}
		catch (NoSuchFileException ex) {
			index.forget(digest);
			return Optional.empty();
		}
		catch (IOException ex) {
			logger.debug("could not mark " + file + " as used", ex);
		}
		return Optional.of(new FileBlob(digest, size.getAsLong(), file));
	}

	@Override
	public BlobWriter writer(BlobDigest digest, long expectedSize) throws BlobWriteException {
		Path file = temp.resolve(digest.hex() + "-" + UUID.randomUUID() + ".part");
		return new DiskBlobWriter(digest, expectedSize, index, file, entry(digest), tempFiles, freeSpace);
	}

	@Override
	public long size() {
		return index.size();
	}

	@Override
	public long maxSize() {
		return index.maxSize();
	}

	@Override
	public long evictions() {
		return index.evictions();
	}

	/** The free space kept by default: 10% of the file system, at most 1GiB. */
	static long defaultFloor(Path root) throws IOException {
		return Math.min(Files.getFileStore(root).getTotalSpace() / 10, DEFAULT_FLOOR_CAP);
	}

	/** The free space writes leave, in bytes. */
	public long minFreeSpace() {
		return freeSpace.floor();
	}

	/** Where the entry for a digest lives. */
	Path entry(BlobDigest digest) {
		return entries.resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
	}

	private void delete(BlobDigest digest) {
		try {
			Files.deleteIfExists(entry(digest));
		}
		catch (IOException ex) {
			logger.warn("could not remove the evicted blob " + digest + ": " + ex.getMessage());
		}
	}

	private void removeIncompleteWrites() throws IOException {
		try (Stream<Path> files = Files.list(temp)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(file);
			}
		}
	}

	private void restoreEntries() throws IOException {
		record Found(BlobDigest digest, long size, FileTime lastUse) {
		}
		List<Found> found = new ArrayList<>();
		try (Stream<Path> files = Files.find(entries, 2, (file, attributes) -> attributes.isRegularFile())) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Optional<BlobDigest> digest = BlobDigest.parse("sha256:" + file.getFileName());
				if (digest.isPresent() && file.equals(entry(digest.get()))) {
					found.add(new Found(digest.get(), Files.size(file), Files.getLastModifiedTime(file)));
				}
				else {
					logger.warn("ignoring " + file + ": not a blob cache entry");
				}
			}
		}
		found.sort(Comparator.comparing(Found::lastUse));
		found.forEach(entry -> index.restore(entry.digest(), entry.size()));
	}

	/** Entries held, for tests. */
	int entryCount() {
		return index.entries();
	}

}
