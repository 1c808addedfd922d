package org.metahub.filters.manifest;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a manifest list for a machine: drops the entries that lose, removes the amd64 variant of the chosen
 * entry so that clients which ignore or mishandle variants take it, and keeps everything else of the document
 * as it was. Pure: the same bytes and machine give the same bytes on every replica.
 */
public final class IndexRewriter {

	private final ManifestListParser parser;

	private final FeatureMatcher matcher;

	public IndexRewriter(ManifestListParser parser, FeatureMatcher matcher) {
		this.parser = parser;
		this.matcher = matcher;
	}

	/**
	 * The list rewritten for a machine type.
	 * @param original the list as the upstream sent it
	 * @param contentType the upstream's Content-Type, which must name a list
	 * @throws org.metahub.filters.oci.OciException {@code MANIFEST_UNKNOWN} when nothing fits the machine
	 */
	public RewrittenList rewrite(byte[] original, String contentType, MachineProfile machine) {
		String mediaType = listMediaType(contentType);
		ObjectNode root = parser.readTree(original);
		Selection selection = matcher.select(parser.toList(root).manifests(), machine);
		return apply(original, root, mediaType, selection);
	}

	/**
	 * The list rewritten for a machine known only by its declared features, with default options
	 * (fallback generic, platform linux/amd64). Kept for callers that have no {@link MachineProfile} yet.
	 */
	public RewrittenList rewrite(byte[] original, String contentType, Set<String> machineFeatures) {
		return rewrite(original, contentType, MachineProfile.ofFeatures(machineFeatures, matcher.implications()));
	}

	/** The verdict on every entry, without rewriting and without failing when nothing fits: for explaining. */
	public Selection select(byte[] original, String contentType, MachineProfile machine) {
		listMediaType(contentType);
		return matcher.select(parser.parse(original).manifests(), machine);
	}

	/**
	 * The image entry a tag resolves to for a machine type with {@code resolve: image}: the one entry chosen for
	 * its platform.
	 * @throws org.metahub.filters.oci.OciException {@code MANIFEST_UNKNOWN} when the list offers nothing that fits
	 */
	public Descriptor imageFor(byte[] original, String contentType, MachineProfile machine) {
		Selection selection = select(original, contentType, machine);
		FeatureMatcher.requireFit(selection);
		return selection.chosen().orElseThrow(() -> OciError.MANIFEST_UNKNOWN.exception(
				"the manifest list offers no entry for " + machine.platform(), machine.platform().toString()));
	}

	private RewrittenList apply(byte[] original, ObjectNode root, String mediaType, Selection selection) {
		FeatureMatcher.requireFit(selection);
		List<Descriptor> kept = selection.kept();
		Descriptor chosen = selection.chosen().orElse(null);
		boolean dropVariant = chosen != null && Amd64Levels.hasVariant(chosen);
		if (kept.size() == selection.verdicts().size() && !dropVariant) {
			// nothing changed: the upstream's bytes and digest stay valid, so pinned pulls keep working
			return new RewrittenList(original, Digests.sha256(original), mediaType, kept);
		}
		Set<Descriptor> keep = Collections.newSetFromMap(new IdentityHashMap<>());
		keep.addAll(kept);
		ArrayNode manifests = (ArrayNode) root.get("manifests");
		for (int i = selection.verdicts().size() - 1; i >= 0; i--) {
			Descriptor entry = selection.verdicts().get(i).entry();
			if (!keep.contains(entry)) {
				manifests.remove(i);
			}
			else if (dropVariant && entry == chosen) {
				JsonNode platform = manifests.get(i).get("platform");
				((ObjectNode) platform).remove("variant");
			}
		}
		byte[] bytes = ManifestListParser.JSON.writeValueAsBytes(root);
		return new RewrittenList(bytes, Digests.sha256(bytes), mediaType, kept);
	}

	private static String listMediaType(String contentType) {
		if (!MediaTypes.isList(contentType)) {
			throw new IllegalArgumentException("only manifest lists are rewritten, not " + contentType);
		}
		return MediaTypes.essence(contentType);
	}

}
