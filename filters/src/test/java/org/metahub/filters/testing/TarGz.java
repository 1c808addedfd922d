package org.metahub.filters.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds gzip-compressed tars: image layers, the smallest holding one file. */
public final class TarGz {

	private static final int BLOCK = 512;

	private TarGz() {
	}

	public static byte[] singleFile(String name, String content) {
		return of(List.of(Member.file(name, 0644, content.getBytes(StandardCharsets.UTF_8))));
	}

	/** One member of a layer: a directory, or a file with its content. */
	public record Member(String name, int mode, byte[] content) {

		public static Member directory(String name) {
			return new Member(name.endsWith("/") ? name : name + "/", 0755, null);
		}

		public static Member file(String name, int mode, byte[] content) {
			return new Member(name, mode, content);
		}

	}

	/** A gzip-compressed tar of the members, in their order. */
	public static byte[] of(List<Member> members) {
		ByteArrayOutputStream tar = new ByteArrayOutputStream();
		for (Member member : members) {
			byte[] data = member.content() == null ? new byte[0] : member.content();
			tar.writeBytes(header(member.name(), member.mode(), data.length, member.content() == null ? '5' : '0'));
			tar.writeBytes(data);
			tar.writeBytes(new byte[padding(data.length)]);
		}
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

	private static byte[] header(String name, int mode, long size, char type) {
		byte[] header = new byte[BLOCK];
		put(header, 0, name, 100);
		put(header, 100, String.format("%07o", mode), 8);
		put(header, 108, "0000000", 8);
		put(header, 116, "0000000", 8);
		put(header, 124, String.format("%011o", size), 12);
		put(header, 136, String.format("%011o", 0L), 12);
		for (int i = 148; i < 156; i++) {
			header[i] = ' ';
		}
		header[156] = (byte) type;
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
