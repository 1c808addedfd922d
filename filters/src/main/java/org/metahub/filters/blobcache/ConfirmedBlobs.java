package org.metahub.filters.blobcache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (upstream, repository, digest) triples the upstream confirmed by answering a GET or HEAD for them:
 * only those are served from the cache, so a login never reads through it a blob of a repository the
 * upstream would not give it. Held in memory, least recently used first out, so a restart asks again.
 */
public final class ConfirmedBlobs {

	private record Triple(String upstream, String repository, BlobDigest digest) {
	}

	private final Map<Triple, Boolean> confirmed;

	public ConfirmedBlobs(int maxEntries) {
		this.confirmed = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Triple, Boolean> eldest) {
				return size() > maxEntries;
			}
		};
	}

	public synchronized void confirm(String upstream, String repository, BlobDigest digest) {
		confirmed.put(new Triple(upstream, repository, digest), Boolean.TRUE);
	}

	public synchronized boolean isConfirmed(String upstream, String repository, BlobDigest digest) {
		return confirmed.get(new Triple(upstream, repository, digest)) != null;
	}

}
