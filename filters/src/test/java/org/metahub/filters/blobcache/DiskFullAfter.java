package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** A file that refuses writes past a number of bytes, as a full disk does. */
final class DiskFullAfter implements WritableByteChannel {

	private final FileChannel file;

	private long room;

	DiskFullAfter(FileChannel file, long room) {
		this.file = file;
		this.room = room;
	}

	@Override
	public int write(ByteBuffer source) throws IOException {
		if (source.remaining() > room) {
			throw new IOException("No space left on device");
		}
		room -= source.remaining();
		return file.write(source);
	}

	@Override
	public boolean isOpen() {
		return file.isOpen();
	}

	@Override
	public void close() throws IOException {
		file.close();
	}

}
