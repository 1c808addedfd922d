package org.metahub.filters.referrers;

import org.metahub.filters.oci.MediaTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image index a referrers request answers: the descriptors of an index (the referrers tag schema's, or the
 * upstream's own answer), kept as written, filtered by {@code artifactType} when one is asked for.
 */
final class ReferrersIndex {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ReferrersIndex() {
	}

	static byte[] empty() {
		return of(null, null);
	}

	/**
	 * @param index an image index, or {@code null} for none
	 * @param artifactType the artifact type to keep, or {@code null} for all
	 */
	static byte[] of(byte[] index, String artifactType) {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("schemaVersion", 2);
		answer.put("mediaType", MediaTypes.OCI_INDEX);
		ArrayNode manifests = answer.putArray("manifests");
		if (index != null) {
			for (JsonNode descriptor : JSON.readTree(index).path("manifests")) {
				if (artifactType == null || artifactType.equals(descriptor.path("artifactType").asString(null))) {
					manifests.add(descriptor);
				}
			}
		}
		return JSON.writeValueAsBytes(answer);
	}

	/** The referrers tag schema: {@code <alg>-<ref>}, each part truncated as the spec says, for a tag's grammar. */
	static String tagFor(String digest) {
		int colon = digest.indexOf(':');
		String algorithm = digest.substring(0, colon);
		String reference = digest.substring(colon + 1);
		return algorithm.substring(0, Math.min(algorithm.length(), 32)) + "-"
				+ reference.substring(0, Math.min(reference.length(), 64));
	}

}
