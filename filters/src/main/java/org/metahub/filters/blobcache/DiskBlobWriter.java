package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a blob to a temporary file and renames it to its entry's path once verified. */
final class DiskBlobWriter extends VerifyingBlobWriter {

	/** Bytes written between two looks at the disk's free space. */
	private static final long CHECK_EVERY = 8 * 1024 * 1024;

	private final Path temp;

	private final Path target;

	private final WritableByteChannel channel;

	private final DiskBlobStore.FreeSpace freeSpace;

	private PartialBlob partial;

	private long unchecked;

	DiskBlobWriter(BlobDigest digest, long expectedSize, BlobIndex index, Path temp, Path target,
			DiskBlobStore.TempFiles tempFiles, DiskBlobStore.FreeSpace freeSpace) throws BlobWriteException {
		super(digest, expectedSize, index);
		this.temp = temp;
		this.target = target;
		this.freeSpace = freeSpace;
		try {
			freeSpace.check(Math.max(expectedSize, 0));
		}
		catch (BlobWriteException ex) {
			close();
			throw ex;
		}
		WritableByteChannel opened = null;
		try {
			opened = tempFiles.create(temp);
		}
		catch (IOException ex) {
			close();
			throw new BlobWriteException(BlobWriteException.Reason.WRITE_ERROR, "cannot create " + temp + ": " + ex, ex);
		}
		this.channel = opened;
	}

	@Override
	public synchronized PartialBlob partial() throws IOException {
		if (partial == null) {
			// opened now, so it survives the rename (or the removal) of the file
			FileChannel file = FileChannel.open(temp, StandardOpenOption.READ);
			partial = new PartialBlob() {
				@Override
				public int read(ByteBuffer target, long position) throws IOException {
					return file.read(target, position);
				}

				@Override
				public void close() {
					try {
						file.close();
					}
					catch (IOException ignored) {
						// only read from
					}
				}
			};
		}
		return partial;
	}

	@Override
	void append(ByteBuffer bytes) throws IOException {
		unchecked += bytes.remaining();
		if (unchecked >= CHECK_EVERY) {
			// others may fill the disk meanwhile, and a blob of unknown size was not counted at the start
			unchecked = 0;
			freeSpace.check(0);
		}
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	@Override
	CachedBlob keep(long size) throws IOException {
		if (channel instanceof FileChannel file) {
			// on disk before the rename, so an entry is never a renamed but empty file after a crash
			file.force(true);
		}
		channel.close();
		boolean placed = index.commit(digest, size, takeReservation(), () -> {
			Files.createDirectories(target.getParent());
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		});
		if (!placed) {
			Files.deleteIfExists(temp);
		}
		return new FileBlob(digest, size, target);
	}

	@Override
	void discard() {
		try {
			if (channel != null) {
				channel.close();
			}
		}
		catch (IOException ignored) {
			// the file is removed next, closing it can only have failed to flush it
		}
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			// removed at the next start
		}
	}

}
