package org.metahub.filters.blobcache;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only seekable channel over bytes, so that memory entries read like files. */
final class ByteArrayChannel implements SeekableByteChannel {

	private final byte[] bytes;

	private int position;

	private boolean open = true;

	ByteArrayChannel(byte[] bytes) {
		this.bytes = bytes;
	}

	@Override
	public int read(ByteBuffer target) throws ClosedChannelException {
		ensureOpen();
		if (position >= bytes.length) {
			return -1;
		}
		int count = Math.min(target.remaining(), bytes.length - position);
		target.put(bytes, position, count);
		position += count;
		return count;
	}

	@Override
	public int write(ByteBuffer source) {
		throw new NonWritableChannelException();
	}

	@Override
	public long position() throws ClosedChannelException {
		ensureOpen();
		return position;
	}

	@Override
	public SeekableByteChannel position(long newPosition) throws ClosedChannelException {
		ensureOpen();
		if (newPosition < 0) {
			throw new IllegalArgumentException("negative position " + newPosition);
		}
		position = (int) Math.min(newPosition, bytes.length);
		return this;
	}

	@Override
	public long size() throws ClosedChannelException {
		ensureOpen();
		return bytes.length;
	}

	@Override
	public SeekableByteChannel truncate(long size) {
		throw new NonWritableChannelException();
	}

	@Override
	public boolean isOpen() {
		return open;
	}

	@Override
	public void close() {
		open = false;
	}

	private void ensureOpen() throws ClosedChannelException {
		if (!open) {
			throw new ClosedChannelException();
		}
	}

}
