package org.metahub.filters.blobcache;

import java.util.Optional;

/**
 * The one {@code Range: bytes=...} a cached blob is served for. Several ranges, or a header that is
 * not a byte range, are served as the whole blob (RFC 9110 lets a server ignore Range).
 */
public record ByteRange(long first, long last) {

	private static final String UNIT = "bytes=";

	/** A range that no byte of the blob satisfies: the answer is 416. */
	public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

	public long length() {
		return last - first + 1;
	}

	/** The range asked for within a blob of {@code size} bytes, {@link #UNSATISFIABLE}, or empty for the whole blob. */
	public static Optional<ByteRange> parse(String header, long size) {
		if (header == null || !header.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
			return Optional.empty();
		}
		String spec = header.substring(UNIT.length()).trim();
		int dash = spec.indexOf('-');
		if (spec.indexOf(',') >= 0 || dash < 0) {
			return Optional.empty();
		}
		try {
			String start = spec.substring(0, dash).trim();
			String end = spec.substring(dash + 1).trim();
			if (start.isEmpty()) {
				long suffix = Long.parseLong(end);
				return Optional.of(suffix <= 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1));
			}
			long first = Long.parseLong(start);
			if (first >= size) {
				return Optional.of(UNSATISFIABLE);
			}
			long last = end.isEmpty() ? size - 1 : Long.parseLong(end);
			return last < first ? Optional.empty() : Optional.of(new ByteRange(first, Math.min(last, size - 1)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
