package org.metahub.filters.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds a gzip-compressed tar holding one file: the smallest real image layer. */
public final class TarGz {

	private static final int BLOCK = 512;

	private TarGz() {
	}

	public static byte[] singleFile(String name, String content) {
		byte[] data = content.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream tar = new ByteArrayOutputStream();
		tar.writeBytes(header(name, data.length));
		tar.writeBytes(data);
		tar.writeBytes(new byte[padding(data.length)]);
		tar.writeBytes(new byte[2 * BLOCK]);
		ByteArrayOutputStream gz = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
			out.write(tar.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return gz.toByteArray();
	}

	private static int padding(int length) {
		return (BLOCK - length % BLOCK) % BLOCK;
	}

	private static byte[] header(String name, long size) {
		byte[] header = new byte[BLOCK];
		put(header, 0, name, 100);
		put(header, 100, "0000644", 8);
		put(header, 108, "0000000", 8);
		put(header, 116, "0000000", 8);
		put(header, 124, String.format("%011o", size), 12);
		put(header, 136, String.format("%011o", 0L), 12);
		for (int i = 148; i < 156; i++) {
			header[i] = ' ';
		}
		header[156] = '0';
		put(header, 257, "ustar", 6);
		put(header, 263, "00", 2);
		long checksum = 0;
		for (byte b : header) {
			checksum += b & 0xff;
		}
		put(header, 148, String.format("%06o", checksum), 7);
		header[155] = ' ';
		return header;
	}

	private static void put(byte[] header, int offset, String value, int length) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
	}

}
