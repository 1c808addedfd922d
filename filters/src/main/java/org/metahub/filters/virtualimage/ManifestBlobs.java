package org.metahub.filters.virtualimage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.metahub.filters.oci.OciError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The blobs an image manifest references: its config, its layers, and an artifact manifest's blobs. */
public final class ManifestBlobs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ManifestBlobs() {
	}

	/**
	 * The digests of {@code config}, {@code layers[]} and {@code blobs[]}, in that order, without repeats.
	 * @throws org.metahub.filters.oci.OciException ({@code UPSTREAM_INVALID}) when the bytes are no JSON object
	 */
	public static List<String> digests(byte[] manifest) {
		JsonNode root;
		try {
			root = JSON.readTree(manifest);
		}
		catch (JacksonException ex) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent an image manifest that is not valid JSON",
					ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent an image manifest that is not a JSON object");
		}
		Set<String> digests = new LinkedHashSet<>();
		add(root.path("config"), digests);
		root.path("layers").forEach(layer -> add(layer, digests));
		root.path("blobs").forEach(blob -> add(blob, digests));
		return List.copyOf(digests);
	}

	private static void add(JsonNode descriptor, Set<String> digests) {
		JsonNode digest = descriptor.path("digest");
		if (digest.isString() && !digest.asString().isEmpty()) {
			digests.add(digest.asString());
		}
	}

}
