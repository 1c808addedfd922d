package org.metahub.filters.fetch;

import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfile;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.RewrittenList;
import org.metahub.filters.manifest.StoredManifest;
import org.metahub.filters.oci.MediaTypes;
import reactor.core.publisher.Mono;

/**
 * The rewrite step: a fetched list becomes the list for one machine type, stored under its new digest
 * so that clients can fetch it again by digest. The result is remembered per (upstream list digest,
 * machine type), so an unchanged list is not rewritten again; its bytes come from the store.
 */
public class ListSelection {

	private final IndexRewriter rewriter;

	private final ManifestStore store;

	private final ManifestCache cache;

	public ListSelection(IndexRewriter rewriter, ManifestStore store, ManifestCache cache) {
		this.rewriter = rewriter;
		this.store = store;
		this.cache = cache;
	}

	/**
	 * @param name the {@link ManifestStore#qualified} name the rewritten list is stored under
	 * @param request the upstream request that fetched the list
	 * @param list a list, as {@link MediaTypes#isList} says of its content type
	 */
	public Mono<Served> select(String name, ManifestRequest request, CachedManifest list, MachineProfile machine) {
		String key = rewrittenKey(request, list.digest(), machine);
		return cache.findRewritten(key)
			.flatMap(digest -> store.find(name, digest).map(stored -> new Served(stored.bytes(), stored.mediaType(), digest)))
			.switchIfEmpty(Mono.defer(() -> rewrite(name, key, list, machine)));
	}

	private Mono<Served> rewrite(String name, String key, CachedManifest list, MachineProfile machine) {
		RewrittenList rewritten = rewriter.rewrite(list.bytes(), list.contentType(), machine);
		return store.save(name, rewritten.digest(), StoredManifest.of(rewritten, list.digest()))
			.then(cache.saveRewritten(key, rewritten.digest()))
			.thenReturn(new Served(rewritten.bytes(), rewritten.mediaType(), rewritten.digest()));
	}

	// what decides the rewrite is part of the key, so a changed machine type never serves an old rewrite
	static String rewrittenKey(ManifestRequest request, String listDigest, MachineProfile machine) {
		String decisive = String.join(",", machine.features()) + "|" + machine.platform() + "|" + machine.fallback();
		return "r:" + request.upstream() + "/" + request.repository() + "@" + listDigest + "!" + machine.name()
				+ "#" + KeyHashes.of(decisive);
	}

	/**
	 * A manifest to serve.
	 *
	 * @param bytes the body
	 * @param mediaType its Content-Type
	 * @param digest its digest
	 */
	public record Served(byte[] bytes, String mediaType, String digest) {
	}

}
