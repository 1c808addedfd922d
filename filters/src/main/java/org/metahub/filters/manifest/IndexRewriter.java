package org.metahub.filters.manifest;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a manifest list for a machine: drops the entries that lose, keeps everything else of the
 * document as it was. Pure: the same bytes and features give the same bytes on every replica.
 */
public final class IndexRewriter {

	private final ManifestListParser parser;

	private final FeatureMatcher matcher;

	public IndexRewriter(ManifestListParser parser, FeatureMatcher matcher) {
		this.parser = parser;
		this.matcher = matcher;
	}

	/**
	 * @param original the list as the upstream sent it
	 * @param contentType the upstream's Content-Type, which must name a list
	 * @param machineFeatures the machine's features, possibly already expanded by the caller
	 */
	public RewrittenList rewrite(byte[] original, String contentType, Set<String> machineFeatures) {
		if (!MediaTypes.isList(contentType)) {
			throw new IllegalArgumentException("only manifest lists are rewritten, not " + contentType);
		}
		String mediaType = MediaTypes.essence(contentType);
		ObjectNode root = parser.readTree(original);
		List<Descriptor> entries = parser.toList(root).manifests();
		List<Descriptor> chosen = matcher.select(entries, machineFeatures);
		if (chosen.size() == entries.size()) {
			// nothing dropped: the upstream's bytes and digest stay valid, so pinned pulls keep working
			return new RewrittenList(original, Digests.sha256(original), mediaType, chosen);
		}
		Set<Descriptor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
		kept.addAll(chosen);
		ArrayNode manifests = (ArrayNode) root.get("manifests");
		for (int i = entries.size() - 1; i >= 0; i--) {
			if (!kept.contains(entries.get(i))) {
				manifests.remove(i);
			}
		}
		byte[] bytes = ManifestListParser.JSON.writeValueAsBytes(root);
		return new RewrittenList(bytes, Digests.sha256(bytes), mediaType, chosen);
	}

}
