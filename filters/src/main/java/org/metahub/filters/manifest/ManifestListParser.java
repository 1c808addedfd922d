package org.metahub.filters.manifest;

import org.metahub.filters.oci.OciError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the bytes of a list as the upstream sent them; anything malformed is the upstream's fault (502). */
public final class ManifestListParser {

	// Big decimals keep every number of the document exactly as written when the tree is written back.
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** The document as a tree, checked to be an object with a {@code manifests} array. */
	public ObjectNode readTree(byte[] bytes) {
		JsonNode root;
		try {
			root = JSON.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest list that is not valid JSON",
					ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest list that is not a JSON object");
		}
		if (!root.path("manifests").isArray()) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest list without a manifests array");
		}
		return (ObjectNode) root;
	}

	/** The records of a tree that {@link #readTree} accepted. */
	public ManifestList toList(ObjectNode root) {
		try {
			return JSON.treeToValue(root, ManifestList.class);
		}
		catch (JacksonException ex) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest list with a malformed entry",
					ex.getOriginalMessage());
		}
	}

	public ManifestList parse(byte[] bytes) {
		return toList(readTree(bytes));
	}

}
