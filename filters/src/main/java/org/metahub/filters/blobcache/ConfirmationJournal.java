package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The confirmed triples as an append-only file of lines {@code v1 <upstream> <repository> sha256:<hex>}
 * (tab-separated), rewritten (aside, then renamed) at start and once it holds twice the triples kept.
 * A line cut short by a crash, or any line that does not parse, is ignored: a lost confirmation only
 * means the upstream is asked again. Not forced to disk per line, for the same reason.
 */
final class ConfirmationJournal {

	private static final Log logger = LogFactory.getLog(ConfirmationJournal.class);

	private static final String VERSION = "v1";

	private final Path file;

	private final int maxLines;

	private FileChannel channel;

	private int lines;

	/** @param maxLines lines after which the file is rewritten with the triples still kept */
	ConfirmationJournal(Path file, int maxLines) {
		this.file = file;
		this.maxLines = maxLines;
	}

	/** The triples in the file, oldest first; unreadable lines are skipped. */
	List<ConfirmedBlobs.Triple> load() {
		List<ConfirmedBlobs.Triple> triples = new ArrayList<>();
		String text;
		try {
			// decoded leniently: a damaged line must not cost the others
			text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return triples;
		}
		catch (IOException ex) {
			logger.warn("ignoring the confirmed blobs in " + file + ": " + ex.getMessage());
			return triples;
		}
		int end = text.lastIndexOf('\n');
		for (String line : text.substring(0, end + 1).split("\n")) {
			parse(line).ifPresent(triples::add);
		}
		return triples;
	}

	/** Appends the triple; true once the file holds enough lines to be rewritten. */
	synchronized boolean append(ConfirmedBlobs.Triple triple) {
		Optional<String> line = format(triple);
		if (line.isEmpty() || channel == null) {
			return false;
		}
		try {
			write(channel, line.get());
			lines++;
		}
		catch (IOException ex) {
			logger.warn("could not record a confirmed blob in " + file + ": " + ex.getMessage());
		}
		return lines >= maxLines;
	}

	/** Replaces the file with these triples, written aside and renamed, and appends to it from now on. */
	synchronized void rewrite(List<ConfirmedBlobs.Triple> triples) {
		Path aside = file.resolveSibling(file.getFileName() + ".new");
		try {
			close();
			try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				StringBuilder text = new StringBuilder();
				for (ConfirmedBlobs.Triple triple : triples) {
					format(triple).ifPresent(text::append);
				}
				write(out, text.toString());
				out.force(true);
			}
			Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			lines = triples.size();
			channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// confirmations are then held in memory only, and asked again after a restart
			logger.warn("cannot keep the confirmed blobs in " + file + ": " + ex.getMessage());
		}
	}

	private void close() throws IOException {
		if (channel != null) {
			channel.close();
			channel = null;
		}
	}

	private static void write(FileChannel channel, String text) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	private static Optional<String> format(ConfirmedBlobs.Triple triple) {
		if (!printable(triple.upstream()) || !printable(triple.repository())) {
			return Optional.empty();
		}
		return Optional.of(VERSION + "\t" + triple.upstream() + "\t" + triple.repository() + "\t" + triple.digest() + "\n");
	}

	private static Optional<ConfirmedBlobs.Triple> parse(String line) {
		String[] fields = line.split("\t", -1);
		if (fields.length != 4 || !VERSION.equals(fields[0]) || !printable(fields[1]) || !printable(fields[2])) {
			return Optional.empty();
		}
		return BlobDigest.parse(fields[3]).map(digest -> new ConfirmedBlobs.Triple(fields[1], fields[2], digest));
	}

	// a field holds no separator and no control character, so every line parses back to its triple
	private static boolean printable(String field) {
		return !field.isEmpty() && field.chars().allMatch(c -> c > 0x20 && c != 0x7f);
	}

}
