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

	private final Path entries;

	private final Path temp;

	private final TempFiles tempFiles;

	private final BlobIndex index;

	public DiskBlobStore(Path root, long maxSize) {
		this(root, maxSize, file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
	}

	DiskBlobStore(Path root, long maxSize, TempFiles tempFiles) {
		this.entries = root.resolve("sha256");
		this.temp = root.resolve("tmp");
		this.tempFiles = tempFiles;
		this.index = new BlobIndex(maxSize, this::delete);
		try {
			Files.createDirectories(entries);
			Files.createDirectories(temp);
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
		return new DiskBlobWriter(digest, expectedSize, index, file, entry(digest), tempFiles);
	}

	@Override
	public long size() {
		return index.size();
	}

	@Override
	public long maxSize() {
		return index.maxSize();
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
