package org.metahub.filters.blobcache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The (upstream, repository, digest) triples the upstream confirmed by answering a GET or HEAD for them:
 * only those are served from the cache, so a login never reads through it a blob of a repository the
 * upstream would not give it. The most recently used are held, least recently used first out; with a
 * {@link ConfirmationJournal} they survive a restart, so cached blobs are served with the upstream down.
 */
public final class ConfirmedBlobs {

	record Triple(String upstream, String repository, BlobDigest digest) {
	}

	private final Map<Triple, Boolean> confirmed;

	private final ConfirmationJournal journal;

	/** Held in memory only: a restart asks the upstream again. */
	public ConfirmedBlobs(int maxEntries) {
		this(maxEntries, null);
	}

	private ConfirmedBlobs(int maxEntries, ConfirmationJournal journal) {
		this.journal = journal;
		this.confirmed = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Triple, Boolean> eldest) {
				return size() > maxEntries;
			}
		};
	}

	/** Kept in this file too, and loaded from it now; {@link #confirm} then may block on the disk. */
	public static ConfirmedBlobs durable(Path file, int maxEntries) {
		ConfirmationJournal journal = new ConfirmationJournal(file, 2 * maxEntries);
		ConfirmedBlobs blobs = new ConfirmedBlobs(maxEntries, journal);
		journal.load().forEach(triple -> blobs.confirmed.put(triple, Boolean.TRUE));
		journal.rewrite(blobs.triples());
		return blobs;
	}

	/** Records the triple; may block on the disk when it is new. */
	public synchronized void confirm(String upstream, String repository, BlobDigest digest) {
		Triple triple = new Triple(upstream, repository, digest);
		if (confirmed.put(triple, Boolean.TRUE) == null && journal != null && journal.append(triple)) {
			journal.rewrite(triples());
		}
	}

	public synchronized boolean isConfirmed(String upstream, String repository, BlobDigest digest) {
		return confirmed.get(new Triple(upstream, repository, digest)) != null;
	}

	private List<Triple> triples() {
		return new ArrayList<>(confirmed.keySet());
	}

}
